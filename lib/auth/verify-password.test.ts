import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "./hash-password";
import { verifyPassword } from "./verify-password";

describe("verifyPassword", () => {
  it("checks with the parameters stored in the hash, so older hashes keep working", async () => {
    const salt = Buffer.alloc(16);
    const hash = scryptSync("hunter22", salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString("base64")}$${hash.toString("base64")}`;
    expect(await verifyPassword("hunter22", stored)).toBe(true);
    expect(await verifyPassword("hunter23", stored)).toBe(false);
  });

  it("refuses a hash whose stored bytes were altered", async () => {
    const stored = await hashPassword("a good password");
    const parts = stored.split("$");
    const hash = Buffer.from(parts[5]!, "base64");
    hash[0] = hash[0]! ^ 1;
    parts[5] = hash.toString("base64");
    expect(await verifyPassword("a good password", parts.join("$"))).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["another scheme", "bcrypt$2b$10$abcdefghijklmnopqrstuv"],
    ["missing parts", "scrypt$16384$8$1$c2FsdA=="],
    ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA=="],
    ["N too large to afford", `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==`],
    ["a fractional r", "scrypt$1024$1.5$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA=="],
  ])("answers false, without throwing, for a malformed hash (%s)", async (_case, stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
