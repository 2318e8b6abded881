// Where a notebook file remembers the server notebook it is (runnel-id) and the server version
// it was last pulled or pushed at (runnel-version), in YAML front matter, so a second push
// updates it and a push over someone else's newer edit is refused rather than overwriting it.

export type NotebookLink = { id: string; version: number };

const FRONT_MATTER = /^---\r?\n([\s\S]*?\r?\n)?---(?:\r?\n|$)/;

export function readNotebookLink(content: string): NotebookLink | null {
  const yaml = FRONT_MATTER.exec(content)?.[1] ?? "";
  const id = /^runnel-id:\s*["']?([\w-]+)["']?\s*$/m.exec(yaml)?.[1];
  const version = Number(/^runnel-version:\s*(\d+)\s*$/m.exec(yaml)?.[1]);
  return id && Number.isInteger(version) && version > 0 ? { id, version } : null;
}

/** The content with runnel-id and runnel-version set, the rest of the file untouched. */
export function writeNotebookLink(content: string, link: NotebookLink): string {
  const lines = [`runnel-id: ${link.id}`, `runnel-version: ${link.version}`];
  const match = FRONT_MATTER.exec(content);
  if (!match) return `---\n${lines.join("\n")}\n---\n\n${content}`;
  const kept = (match[1] ?? "")
    .split("\n")
    .filter((line) => line !== "" && !/^runnel-(id|version):/.test(line));
  const newline = match[0].includes("\r\n") ? "\r\n" : "\n";
  const yaml = [...kept.map((line) => line.replace(/\r$/, "")), ...lines].join(newline);
  return `---${newline}${yaml}${newline}---${newline}${content.slice(match[0].length)}`;
}

/** A title for a new notebook: the first "# " heading, else the file's name. */
export function notebookTitle(content: string, fileName: string): string {
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(content.replace(FRONT_MATTER, ""))?.[1];
  return (heading ?? fileName.replace(/\.md$/i, "")).slice(0, 200) || "Untitled";
}
