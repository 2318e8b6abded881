import { describe, expect, it } from "vitest";
import { hashPassword, SCRYPT_PARAMS } from "./hash-password";
import { verifyPassword } from "./verify-password";

describe("hashPassword", () => {
  it("stores scrypt$N$r$p$salt$hash with a 16-byte salt and its parameters", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, N, r, p, salt, hash] = stored.split("$");
    expect(scheme).toBe("scrypt");
    expect([Number(N), Number(r), Number(p)]).toEqual([SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64")).toHaveLength(32);
  });

  it("salts every hash, so one password never hashes the same twice", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("matches a passphrase typed with composed or decomposed accents", async () => {
    const stored = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword("cafe\u0301 au lait", stored)).toBe(true);
  });
});
