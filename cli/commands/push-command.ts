import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { ApiClient } from "../api-client";
import { notebookTitle, readNotebookLink, writeNotebookLink } from "../front-matter";

type NotebookReply = { notebook: { id: string; version: number; content: string } };

/**
 * Creates the file's notebook on the server, or updates the one its front matter names. The
 * update is made on the version the file was last synced at, so a newer edit on the server
 * answers 409 and is never overwritten. The file then holds exactly what the server holds.
 */
export async function pushNotebook(client: ApiClient, file: string): Promise<{ id: string; version: number; created: boolean }> {
  const content = await readFile(file, "utf8");
  let link = readNotebookLink(content);
  let created = false;
  if (!link) {
    const { notebook } = await client.json<NotebookReply>("/api/notebooks", {
      method: "POST",
      body: { title: notebookTitle(content, basename(file)), content },
    });
    link = { id: notebook.id, version: notebook.version };
    created = true;
  }
  // The stored text names the version it will have once this update lands (one more).
  const synced = writeNotebookLink(content, { id: link.id, version: link.version + 1 });
  const { notebook } = await client.json<NotebookReply>(`/api/notebooks/${encodeURIComponent(link.id)}`, {
    method: "PATCH",
    body: { content: synced, baseVersion: link.version },
  });
  // The server's text, not ours: saving may add to it (block ids on fence lines).
  await writeFile(file, notebook.content);
  return { id: notebook.id, version: notebook.version, created };
}
