import { describe, expect, it } from "vitest";
import { color256, parseAnsi } from "./ansi";

const ESC = "\x1b";

describe("parseAnsi", () => {
  it("returns plain text as one unstyled span", () => {
    expect(parseAnsi("hello\nworld")).toEqual([{ text: "hello\nworld", style: {} }]);
  });

  it("colours text with the basic SGR colours and resets with 0 and with an empty SGR", () => {
    expect(parseAnsi(`a${ESC}[31mred${ESC}[0mb${ESC}[42mgreen bg${ESC}[mc`)).toEqual([
      { text: "a", style: {} },
      { text: "red", style: { color: "#ef4444" } },
      { text: "b", style: {} },
      { text: "green bg", style: { background: "#22c55e" } },
      { text: "c", style: {} },
    ]);
  });

  it("combines bold with a colour in one sequence and turns bold off with 22", () => {
    expect(parseAnsi(`${ESC}[1;34mbold blue${ESC}[22m blue`)).toEqual([
      { text: "bold blue", style: { bold: true, color: "#3b82f6" } },
      { text: " blue", style: { color: "#3b82f6" } },
    ]);
  });

  it("uses the bright palette for 90–97 and 100–107", () => {
    expect(parseAnsi(`${ESC}[91;103mx`)).toEqual([{ text: "x", style: { color: "#f87171", background: "#fde047" } }]);
  });

  it("reads 256-colour and 24-bit colours", () => {
    expect(parseAnsi(`${ESC}[38;5;196mred${ESC}[48;5;244mgrey bg${ESC}[39;49m${ESC}[38;2;1;2;255mrgb`)).toEqual([
      { text: "red", style: { color: "#ff0000" } },
      { text: "grey bg", style: { color: "#ff0000", background: "#808080" } },
      { text: "rgb", style: { color: "#0102ff" } },
    ]);
  });

  it("strips escapes that are not colours: cursor moves, line clears, titles, charset selection", () => {
    const text = `${ESC}[2K${ESC}[1Aone${ESC}]0;window title\x07 two${ESC}(B three${ESC}[?25l${ESC}=`;
    expect(parseAnsi(text)).toEqual([{ text: "one two three", style: {} }]);
  });

  it("drops an escape cut off at the end of the text instead of showing it", () => {
    expect(parseAnsi(`done${ESC}[3`)).toEqual([{ text: "done", style: {} }]);
    expect(parseAnsi(`done${ESC}`)).toEqual([{ text: "done", style: {} }]);
  });

  it("merges neighbouring text whose style did not change and starts from a given style", () => {
    expect(parseAnsi(`a${ESC}[2Kb${ESC}[33mc`, { bold: true })).toEqual([
      { text: "ab", style: { bold: true } },
      { text: "c", style: { bold: true, color: "#eab308" } },
    ]);
  });
});

describe("color256", () => {
  it("maps the cube and the grey ramp like xterm, and refuses numbers outside 0–255", () => {
    expect(color256(16)).toBe("#000000");
    expect(color256(231)).toBe("#ffffff");
    expect(color256(208)).toBe("#ff8700");
    expect(color256(232)).toBe("#080808");
    expect(color256(255)).toBe("#eeeeee");
    expect(color256(256)).toBeUndefined();
  });
});
