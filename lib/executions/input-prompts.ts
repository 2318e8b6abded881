// The runs whose block waits for a line from the reader (input(), readline()): an input-request
// came and nothing since. On globalThis because Next may load this module more than once.
const key = Symbol.for("runnel.inputPrompts");
type WithPrompts = typeof globalThis & { [key]?: Set<string> };

export function inputPrompts(): Set<string> {
  const store = globalThis as WithPrompts;
  store[key] ??= new Set();
  return store[key];
}
