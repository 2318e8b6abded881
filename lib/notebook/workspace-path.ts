export type WorkspacePathResult = { ok: true; path: string } | { ok: false; error: string };

// Pure string work (no node:path) so the browser and the server agree on every path.
export function normaliseWorkspacePath(raw: string): WorkspacePathResult {
  const shown = quote(raw);
  if (raw.length === 0) return refuse("File path is empty.");
  if (hasControlCharacter(raw)) return refuse(`File path ${shown} contains a control character.`);
  if (isAbsolute(raw)) return refuse(`File path ${shown} is absolute; use a path relative to the workspace.`);
  if (raw.includes("\\")) return refuse(`File path ${shown} contains a backslash; separate folders with "/".`);
  if (raw.endsWith("/")) return refuse(`File path ${shown} ends with "/", so it names a folder, not a file.`);

  const segments: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") {
      segments.push(segment);
      continue;
    }
    if (segments.length === 0) return refuse(`File path ${shown} leaves the workspace.`);
    segments.pop();
  }
  if (segments.length === 0) return refuse(`File path ${shown} names the workspace itself, not a file.`);
  return { ok: true, path: segments.join("/") };
}

function refuse(error: string): WorkspacePathResult {
  return { ok: false, error };
}

// A drive letter ("C:", "c:/x", "C:x") is absolute or drive-relative on Windows; neither is safe.
function isAbsolute(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path);
}

function hasControlCharacter(path: string): boolean {
  for (const char of path) {
    const code = char.charCodeAt(0);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

// Quoted for an error sentence; control characters are spelled out so the sentence stays one line.
function quote(path: string): string {
  let shown = "";
  for (const char of path) {
    const code = char.charCodeAt(0);
    shown += code <= 0x1f || code === 0x7f ? `\\u${code.toString(16).padStart(4, "0")}` : char;
  }
  return `"${shown}"`;
}
