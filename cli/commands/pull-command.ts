import { writeFile } from "node:fs/promises";
import type { ApiClient } from "../api-client";
import { CliError } from "../cli-error";
import { readNotebookLink, writeNotebookLink } from "../front-matter";

type NotebookReply = { notebook: { id: string; title: string; version: number; content: string } };

/** The notebook id in "ID", ".../notebooks/ID" or ".../api/notebooks/ID". */
export function notebookIdOf(reference: string): string {
  let id = reference;
  if (/^https?:\/\//i.test(reference)) {
    const match = /\/notebooks\/([^/?#]+)/.exec(new URL(reference).pathname);
    if (!match?.[1]) throw new CliError(`"${reference}" is not a notebook's address.`);
    id = decodeURIComponent(match[1]);
  }
  if (!/^[\w-]{1,100}$/.test(id)) throw new CliError(`"${reference}" is not a notebook id.`);
  return id;
}

/** Writes the server's notebook to a .md file, its front matter naming the id and version it came from. */
export async function pullNotebook(client: ApiClient, reference: string, out?: string): Promise<string> {
  const { notebook } = await client.json<NotebookReply>(`/api/notebooks/${encodeURIComponent(notebookIdOf(reference))}`);
  const file = out ?? `${slug(notebook.title) || notebook.id}.md`;
  const link = readNotebookLink(notebook.content);
  const current = link?.id === notebook.id && link.version === notebook.version;
  await writeFile(file, current ? notebook.content : writeNotebookLink(notebook.content, { id: notebook.id, version: notebook.version }));
  return file;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}
