import { ZodError } from "zod";
import { AppError } from "../http/app-error";
import { resolveRuntime } from "../notebook/runtime-names";
import type { Runtime } from "../notebook/types";
import { createNotebook } from "./create-notebook";
import { ipynbSchema, IPYNB_MAX_DEPTH, joinSource, type Ipynb, type IpynbCell } from "./ipynb-fields";
import { jsonDepth } from "./json-depth";
import type { NotebookDetail } from "./notebook-detail";

export type ImportOptions = { ownerId: string; ipynb: unknown; title?: string; withOutputs: boolean; teamId?: string };
export type ImportResult = { notebook: NotebookDetail; notes: string[] };

/** Stores a Jupyter notebook (nbformat 4, as text) as a new Runnel notebook; `notes` say what was dropped. */
export async function importIpynb({ ownerId, ipynb: value, title, withOutputs, teamId }: ImportOptions): Promise<ImportResult> {
  const ipynb = parseIpynb(value);
  const { content, notes } = ipynbToMarkdown(ipynb, withOutputs);
  const notebook = await createNotebook({ ownerId, title: title ?? titleOf(ipynb), content, teamId });
  return { notebook, notes };
}

/** Parsed JSON checked as a notebook: its depth first (cheap), then its shape. */
export function parseIpynb(value: unknown): Ipynb {
  if (jsonDepth(value, IPYNB_MAX_DEPTH) > IPYNB_MAX_DEPTH) {
    throw new AppError("unprocessable", `The notebook nests deeper than ${IPYNB_MAX_DEPTH} levels; a Jupyter notebook does not.`);
  }
  try {
    return ipynbSchema.parse(value);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the file";
    throw new AppError("unprocessable", `This is not an nbformat 4 notebook Runnel can read: ${where} ${issue?.message ?? "is not valid"}.`);
  }
}

/** Markdown cells stay Markdown, code cells become runnable blocks, stream outputs expected outputs. */
export function ipynbToMarkdown(ipynb: Ipynb, withOutputs: boolean): { content: string; notes: string[] } {
  const language = ipynb.metadata?.kernelspec?.language ?? ipynb.metadata?.language_info?.name ?? ipynb.metadata?.kernelspec?.name ?? "";
  const runtime = resolveRuntime(language);
  const dropped = new Map<string, number>();
  const drop = (what: string) => dropped.set(what, (dropped.get(what) ?? 0) + 1);
  const parts = ipynb.cells.map((cell) => cellMarkdown(cell, runtime, withOutputs, drop));
  const notes = [...dropped].map(([what, count]) => `Dropped ${count} ${what}.`);
  if (!runtime && ipynb.cells.some((cell) => cell.cell_type === "code")) {
    notes.unshift(`The kernel language "${language || "unknown"}" cannot run in Runnel, so code cells were kept as plain code.`);
  }
  return { content: `${parts.filter((part) => part !== "").join("\n\n")}\n`, notes };
}

function cellMarkdown(cell: IpynbCell, runtime: Runtime | undefined, withOutputs: boolean, drop: (what: string) => void): string {
  const source = joinSource(cell.source).replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  if (cell.attachments && Object.keys(cell.attachments).length > 0) drop("cell attachment(s) (images pasted into Markdown)");
  if (cell.cell_type === "markdown") return source;
  if (cell.cell_type === "raw") return fenced("text", source);
  // A notebook Runnel exported names each cell's runtime, so mixed-language notebooks come back whole.
  const own = resolveRuntime(String((cell.metadata as { runnel?: { runtime?: unknown } } | undefined)?.runnel?.runtime ?? ""));
  const cellRuntime = own ?? runtime;
  const parts = [fenced(cellRuntime ? `runnable ${cellRuntime}` : "", source)];
  for (const output of cell.outputs ?? []) {
    if (output.output_type === "stream" && withOutputs && output.text !== undefined) {
      const text = joinSource(output.text).replace(/\n+$/, "");
      parts.push(fenced(output.name === "stderr" ? "output stderr" : "output", text));
    } else if (output.output_type === "stream") {
      if (withOutputs) drop("empty stream output(s)");
    } else if (output.output_type === "error") drop("error output(s)");
    else drop("rich output(s) (results, images, HTML)");
  }
  return parts.join("\n\n");
}

/** A fence longer than any run of backticks inside, so code holding ``` stays one block. */
export function fenced(info: string, body: string): string {
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body === "" ? "" : `${body}\n`}${fence}`;
}

function titleOf(ipynb: Ipynb): string {
  for (const cell of ipynb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(joinSource(cell.source))?.[1];
    if (heading) return heading.slice(0, 200);
  }
  return "Imported notebook";
}
