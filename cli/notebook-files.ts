import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { CliError } from "./cli-error";

/** The Markdown files named, a folder standing for every .md under it (sorted, dot-folders and node_modules skipped). */
export async function notebookFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new CliError(`There is no file or folder "${path}".`);
    if (info.isDirectory()) files.push(...(await markdownUnder(path)));
    else files.push(path);
  }
  if (files.length === 0) throw new CliError("No .md notebooks were found.");
  return files;
}

async function markdownUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownUnder(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) found.push(path);
  }
  return found;
}
