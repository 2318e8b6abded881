/** The text attributes an SGR ("Select Graphic Rendition") escape can set, as CSS-ready values. */
export type AnsiStyle = {
  color?: string;
  background?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
};

export type AnsiSpan = { text: string; style: AnsiStyle };

// The 16 basic colours, tuned to read on the output panel's dark background (0–7, then bright 8–15).
const BASIC = [
  "#1c1917", "#ef4444", "#22c55e", "#eab308", "#3b82f6", "#d946ef", "#06b6d4", "#d6d3d1",
  "#78716c", "#f87171", "#4ade80", "#fde047", "#60a5fa", "#f0abfc", "#67e8f9", "#fafaf9",
];
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;

/** xterm's 256-colour palette: 16 basic colours, a 6×6×6 cube, then 24 greys. */
export function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return BASIC[n];
  if (n < 232) {
    const i = n - 16;
    return hex(CUBE_LEVELS[Math.floor(i / 36)]!, CUBE_LEVELS[Math.floor(i / 6) % 6]!, CUBE_LEVELS[i % 6]!);
  }
  const grey = 8 + (n - 232) * 10;
  return hex(grey, grey, grey);
}

// Every escape sequence a terminal program commonly writes: CSI (`ESC [ … final`), OSC
// (`ESC ] … BEL` or `ESC ] … ESC \`), character-set selection (`ESC ( B`), and two-byte escapes.
// Only CSI sequences ending in "m" change the style; the rest (cursor moves, line clears, window
// titles) mean nothing in a scrolling log and are dropped. An escape cut off at the end of the
// text is dropped too, rather than shown as garbage.
const ESCAPE = /\x1b(?:\[([0-9;:?<=>]*)[ -/]*(?:([@-~])|$)|\][^\x07\x1b]*(?:\x07|\x1b\\|$)|[()*+][0-9A-Za-z]?|[@-Z\\-_=>]|$)/g;

/**
 * Splits terminal output into runs of text that share one style, applying SGR colours (basic,
 * bright, 256-colour and 24-bit), bold, dim, italic, underline and reset.
 */
export function parseAnsi(text: string, initial: AnsiStyle = {}): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let style = initial;
  let last = 0;
  const push = (end: number) => {
    if (end <= last) return;
    const chunk = text.slice(last, end);
    const previous = spans.at(-1);
    if (previous && sameStyle(previous.style, style)) previous.text += chunk;
    else spans.push({ text: chunk, style });
  };
  for (const match of text.matchAll(ESCAPE)) {
    push(match.index);
    last = match.index + match[0].length;
    if (match[2] === "m" && !(match[1] ?? "").startsWith("?")) style = applySgr(style, match[1] ?? "");
  }
  push(text.length);
  return spans;
}

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  // "ESC[m" is "ESC[0m"; colons are the ITU form of the 38/48 separators.
  const codes = params === "" ? [0] : params.split(/[;:]/).map((p) => (p === "" ? 0 : Number(p)));
  let style = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) style = {};
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 22) style = without(style, "bold", "dim");
    else if (code === 23) style = without(style, "italic");
    else if (code === 24) style = without(style, "underline");
    else if (code >= 30 && code <= 37) style.color = BASIC[code - 30];
    else if (code >= 90 && code <= 97) style.color = BASIC[code - 90 + 8];
    else if (code === 39) style = without(style, "color");
    else if (code >= 40 && code <= 47) style.background = BASIC[code - 40];
    else if (code >= 100 && code <= 107) style.background = BASIC[code - 100 + 8];
    else if (code === 49) style = without(style, "background");
    else if (code === 38 || code === 48) {
      const key = code === 38 ? "color" : "background";
      const mode = codes[i + 1];
      if (mode === 5) {
        const value = color256(codes[i + 2] ?? -1);
        if (value) style[key] = value;
        i += 2;
      } else if (mode === 2) {
        const [r, g, b] = codes.slice(i + 2, i + 5);
        if ([r, g, b].every((c) => c !== undefined && c >= 0 && c <= 255)) style[key] = hex(r!, g!, b!);
        i += 4;
      } else {
        i = codes.length;
      }
    }
    // Anything else (blink, inverse, fonts) has no place in an output panel and is ignored.
  }
  return style;
}

function without(style: AnsiStyle, ...keys: Array<keyof AnsiStyle>): AnsiStyle {
  const copy = { ...style };
  for (const key of keys) delete copy[key];
  return copy;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof AnsiStyle>);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
