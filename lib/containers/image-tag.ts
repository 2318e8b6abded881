import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Read at run time from the checkout; the ignore hint keeps Next from tracing the whole project.
export const IMAGES_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "runtime-image");

// Must agree with inputs_hash in runtime-image/build.sh: sha256 over `sha256sum` lines of every
// file in the image's directory, paths as `find .` prints them, in byte order.
function listFiles(dir: string, prefix = "."): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), relative);
    return entry.isFile() ? [relative] : [];
  });
}

export function imageInputsHash(name: string, imagesDir = IMAGES_DIR): string {
  const dir = path.join(imagesDir, name);
  const files = listFiles(dir).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const listing = files
    .map((file) => `${createHash("sha256").update(readFileSync(path.join(dir, file))).digest("hex")}  ${file}\n`)
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
