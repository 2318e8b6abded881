export type InfoToken = { type: "word"; value: string } | { type: "attr"; key: string; value: string };

const ATTR_KEY = /^[A-Za-z_][\w.-]*$/;

// Splits a fence's info string the way a shell splits words: whitespace separates tokens and a
// double-quoted stretch keeps its spaces. There are no escapes inside quotes, because Markdown has
// already consumed backslash escapes in the info string; an unclosed quote runs to the end.
// A token is an attribute when an unquoted `key=` starts it.
export function tokenizeInfoString(info: string): InfoToken[] {
  const tokens: InfoToken[] = [];
  let i = 0;
  while (i < info.length) {
    if (isSpace(info[i])) {
      i++;
      continue;
    }
    let text = "";
    let equalsAt = -1;
    let quotedBeforeEquals = false;
    while (i < info.length && !isSpace(info[i])) {
      if (info[i] === '"') {
        const close = info.indexOf('"', i + 1);
        const end = close === -1 ? info.length : close;
        text += info.slice(i + 1, end);
        if (equalsAt === -1) quotedBeforeEquals = true;
        i = end + 1;
        continue;
      }
      if (info[i] === "=" && equalsAt === -1) equalsAt = text.length;
      text += info[i];
      i++;
    }
    tokens.push(toToken(text, quotedBeforeEquals ? -1 : equalsAt));
  }
  return tokens;
}

function toToken(text: string, equalsAt: number): InfoToken {
  const key = equalsAt === -1 ? "" : text.slice(0, equalsAt);
  if (!ATTR_KEY.test(key)) return { type: "word", value: text };
  return { type: "attr", key, value: text.slice(equalsAt + 1) };
}

function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\t";
}
