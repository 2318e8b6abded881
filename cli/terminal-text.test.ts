import { describe, expect, it } from "vitest";
import { terminalText } from "./terminal-text";

describe("terminalText", () => {
  it("drops title, clipboard and cursor sequences a sandbox prints", () => {
    const hostile = "a\x1b]0;owned\x07b\x1b]52;c;ZXZpbA==\x1b\\c\x1b[2Ad\x1b[2Je\rf\x07";
    expect(terminalText(hostile, true)).toBe("abcdef");
  });

  it("keeps colour only when asked (a TTY) and keeps newlines and tabs", () => {
    expect(terminalText("\x1b[31mred\x1b[0m\n\tx", true)).toBe("\x1b[31mred\x1b[0m\n\tx");
    expect(terminalText("\x1b[31mred\x1b[0m\n\tx", false)).toBe("red\n\tx");
  });

  it("keeps CRLF line ends but not a lone carriage return that would overwrite a line", () => {
    expect(terminalText("ok\r\nfake\rreal", false)).toBe("ok\r\nfakereal");
  });
});
