import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, isApiTokenFormat } from "./api-token";

describe("API tokens", () => {
  it("are rnl_ followed by 32 random bytes in base64url", () => {
    const { token } = generateApiToken();
    expect(token).toMatch(/^rnl_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), "base64url")).toHaveLength(32);
    expect(isApiTokenFormat(token)).toBe(true);
  });

  it("are stored only as the SHA-256 hex of the whole token", () => {
    const { token, tokenHash } = generateApiToken();
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashApiToken(token)).toBe(tokenHash);
    expect(tokenHash).not.toContain(token.slice(4));
  });

  it("never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateApiToken().token));
    expect(tokens.size).toBe(1000);
  });

  it.each(["", "rnl_", "rnl_short", `xyz_${"a".repeat(43)}`, `rnl_${"a".repeat(42)}!`, `rnl_${"a".repeat(44)}`])(
    "recognises %j as not a token",
    (text) => expect(isApiTokenFormat(text)).toBe(false),
  );
});
