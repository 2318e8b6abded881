import { readFile } from "node:fs/promises";
import type { ApiClient } from "../api-client";

type ImportReply = { notebook: { id: string; title: string }; notes: string[] };

/** Sends a Jupyter notebook to the server as a new notebook; the server's notes say what it dropped. */
export async function importNotebook(client: ApiClient, file: string, options: { title?: string; outputs: boolean }): Promise<ImportReply> {
  const query = new URLSearchParams({ outputs: options.outputs ? "1" : "0", ...(options.title ? { title: options.title } : {}) });
  return client.json<ImportReply>(`/api/notebooks/import?${query}`, {
    method: "POST",
    raw: { text: await readFile(file, "utf8"), type: "application/x-ipynb+json" },
  });
}
