// A block's id travels with the Markdown as an `id=…` fence attribute (as Runme keeps cell ids),
// so outputs, runs and apps follow a block wherever it moves. It starts with a letter, so an API
// path segment that is all digits is always a block index, never an id.
const BLOCK_ID = /^[A-Za-z][\w-]{0,63}$/;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function isBlockId(value: string): boolean {
  return BLOCK_ID.test(value);
}

/** A fresh id: a letter and seven base-36 characters (about 4·10¹¹ choices per notebook). */
export function newBlockId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let id = ALPHABET[bytes[0]! % 26]!;
  for (const byte of bytes.subarray(1)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
