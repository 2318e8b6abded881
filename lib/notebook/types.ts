export const RUNTIMES = ["python", "node", "bash", "go", "r"] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const APP_TYPES = ["gradio", "streamlit", "fastapi", "static", "docker"] as const;
export type AppType = (typeof APP_TYPES)[number];

export type BlockKind = "runnable" | "file" | "webapp";

export const OUTPUT_STREAMS = ["stdout", "stderr"] as const;
export type OutputStream = (typeof OUTPUT_STREAMS)[number];

export const MATCH_MODES = ["exact", "contains", "regex"] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export type LinePosition = { startLine: number; endLine: number };

/** An `output` fence right after a runnable block: what that block must print on one stream. */
export type ExpectedOutput = {
  stream: OutputStream;
  match: MatchMode;
  attrs: Record<string, string>;
  text: string;
  error?: string;
  position?: LinePosition;
};

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
  position?: LinePosition;
  /** Only on runnable blocks that are followed by `output` fences. */
  expected?: ExpectedOutput[];
};
