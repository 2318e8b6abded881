export const RUNTIMES = ["python", "node", "bash", "go", "r"] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const APP_TYPES = ["gradio", "streamlit", "fastapi", "static", "docker"] as const;
export type AppType = (typeof APP_TYPES)[number];

export type BlockKind = "runnable" | "file" | "webapp";

export type NotebookBlock = {
  index: number;
  /** The fence's `id=` attribute (see block-id.ts); null until the notebook is saved with one. */
  id: string | null;
  kind: BlockKind;
  runtime?: Runtime;
  path?: string;
  lang?: string;
  appType?: AppType;
  attrs: Record<string, string>;
  code: string;
  error?: string;
  position?: { startLine: number; endLine: number };
};
