// Jupyter counts offsets in Unicode code points; JavaScript strings count UTF-16 code units.

/** Code points in the first `units` UTF-16 code units of text (Jupyter counts code points). */
export function codePoints(text: string, units: number): number {
  let points = 0;
  for (let i = 0; i < units; i++, points++) if (isPairAt(text, i) && i + 1 < units) i++;
  return points;
}

/** The UTF-16 offset of the `points`-th code point of text (its length past the end). */
export function codeUnits(text: string, points: number): number {
  let units = 0;
  for (let p = 0; p < points && units < text.length; p++) units += isPairAt(text, units) ? 2 : 1;
  return units;
}

function isPairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}
