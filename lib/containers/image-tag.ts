import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Read at run time from the checkout; the ignore hint keeps Next from tracing the whole project.
export const IMAGES_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "runtime-image");

// Python writes its bytecode caches next to a script it compiles (py_compile, an import): they
// are no image's input, and git ignores them, so they must not change a tag either (build.sh
// skips them the same way). Otherwise a checkout that ran the agent once asks for an image a
// clean clone never builds.
const BYTECODE_CACHE = "__pycache__";

function listFiles(dir: string, prefix = "."): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory() && entry.name === BYTECODE_CACHE) return [];
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), relative);
    return entry.isFile() ? [relative] : [];
  });
}

/**
 * The files an image shares with others (the agent, the R profile: one source each, in
 * runtime/), as its `shared-files` lists them: paths relative to runtime-image/, copied into
 * its build context at the same paths by build.sh.
 */
function sharedFiles(imagesDir: string, name: string): string[] {
  const list = path.join(imagesDir, name, "shared-files");
  if (!existsSync(list)) return [];
  const paths = readFileSync(list, "utf8")
    .split("\n")
    .filter((line) => !/^[\s]*(#|$)/.test(line));
  for (const shared of paths) {
    if (shared.startsWith("/") || shared.split("/").some((part) => part === ".." || part === ".")) {
      throw new Error(`${name}/shared-files: "${shared}" must be a path inside runtime-image/`);
    }
    if (!existsSync(path.join(imagesDir, shared)) || !statSync(path.join(imagesDir, shared)).isFile()) {
      throw new Error(`${name}/shared-files names "${shared}", which is not a file in runtime-image/`);
    }
  }
  return paths;
}

// Must agree with inputs_hash in runtime-image/build.sh: sha256 over `sha256sum` lines of every
// file in the image's build context (its directory and its shared files, without Python's
// bytecode caches), paths as `find .` prints them, in byte order.
export function imageInputsHash(name: string, imagesDir = IMAGES_DIR): string {
  const dir = path.join(imagesDir, name);
  const files = [
    ...listFiles(dir).map((relative) => ({ relative, source: path.join(dir, relative) })),
    ...sharedFiles(imagesDir, name).map((shared) => ({ relative: `./${shared}`, source: path.join(imagesDir, shared) })),
  ].sort((a, b) => Buffer.compare(Buffer.from(a.relative), Buffer.from(b.relative)));
  const listing = files
    .map(({ relative, source }) => `${createHash("sha256").update(readFileSync(source)).digest("hex")}  ${relative}\n`)
    .join("");
  return createHash("sha256").update(listing).digest("hex").slice(0, 12);
}

const tags = new Map<string, string>();

/** `runnel-<name>:<inputs hash>`, the tag runtime-image/build.sh gives the image. */
export function imageTag(name: string): string {
  let tag = tags.get(name);
  if (!tag) {
    tag = `runnel-${name}:${imageInputsHash(name)}`;
    tags.set(name, tag);
  }
  return tag;
}

/** The image notebook sessions run: RUNTIME_IMAGE when set, otherwise the locally built tag. */
export function runtimeImage(runtimeImageSetting: string | undefined): string {
  return runtimeImageSetting ?? imageTag("runtime");
}
