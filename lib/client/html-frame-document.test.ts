import { describe, expect, it } from "vitest";
import { frameHeightOf, htmlFrameDocument } from "./html-frame-document";

describe("htmlFrameDocument", () => {
  it("puts the output in a document whose policy fetches nothing and lets only inline script and style run", () => {
    const doc = htmlFrameDocument("<table><tr><td>1</td></tr></table>");
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(doc)?.[1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'unsafe-inline'");
    expect(policy).not.toMatch(/connect-src|'self'|https?:/);
    // The policy comes before anything the output wrote, so the output cannot get in first.
    expect(doc.indexOf("Content-Security-Policy")).toBeLessThan(doc.indexOf("<table>"));
  });
});

describe("frameHeightOf", () => {
  it("bounds the height a frame asks for and ignores other messages", () => {
    expect(frameHeightOf({ runnelFrameHeight: 240.4 }, 1200)).toBe(240);
    expect(frameHeightOf({ runnelFrameHeight: 1e9 }, 1200)).toBe(1200);
    expect(frameHeightOf({ runnelFrameHeight: -5 }, 1200)).toBe(16);
    expect(frameHeightOf({ runnelFrameHeight: Number.NaN }, 1200)).toBeUndefined();
    expect(frameHeightOf({ runnelFrameHeight: "300" }, 1200)).toBeUndefined();
    expect(frameHeightOf("runnelFrameHeight", 1200)).toBeUndefined();
    expect(frameHeightOf(null, 1200)).toBeUndefined();
  });
});
