import { tokenizeInfoString } from "./info-string";
import { MATCH_MODES, OUTPUT_STREAMS, type ExpectedOutput, type MatchMode, type OutputStream } from "./types";

/**
 * Reads an `output` fence's info string: an optional stream word (stdout, the default, or stderr)
 * and attributes, of which `match` chooses the comparison. A bad word or mode is an `error`
 * sentence on the expectation, so the block still runs and the report says what is wrong.
 */
export function readExpectedOutput(meta: string | null | undefined, text: string): ExpectedOutput {
  const attrs: Record<string, string> = {};
  const words: string[] = [];
  for (const token of tokenizeInfoString(meta ?? "")) {
    if (token.type === "word") words.push(token.value);
    else Object.defineProperty(attrs, token.key, { value: token.value, enumerable: true, writable: true, configurable: true });
  }
  const [streamWord = "stdout", ...extra] = words;
  const match = attrs.match ?? "exact";
  const expected: ExpectedOutput = {
    stream: isStream(streamWord) ? streamWord : "stdout",
    match: isMatchMode(match) ? match : "exact",
    attrs,
    text,
  };
  if (!isStream(streamWord)) expected.error = `Unknown output stream "${streamWord}"; use stdout or stderr.`;
  else if (extra.length > 0) expected.error = `An output fence takes one stream word; "${extra.join(" ")}" is not understood.`;
  else if (!isMatchMode(match)) expected.error = `Unknown match "${match}"; use exact, contains or regex.`;
  return expected;
}

function isStream(word: string): word is OutputStream {
  return (OUTPUT_STREAMS as readonly string[]).includes(word);
}

function isMatchMode(word: string): word is MatchMode {
  return (MATCH_MODES as readonly string[]).includes(word);
}
