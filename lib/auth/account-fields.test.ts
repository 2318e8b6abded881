import { describe, expect, it } from "vitest";
import { emailSchema, nameSchema, newPasswordSchema } from "./account-fields";

describe("account fields", () => {
  it("normalise an email by trimming and lower-casing it", () => {
    expect(emailSchema.parse("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
  });

  it("refuse what is not an email", () => {
    expect(emailSchema.safeParse("ada@").success).toBe(false);
    expect(emailSchema.safeParse("not an email").success).toBe(false);
  });

  it("take passwords of 8 to 200 characters for a new account", () => {
    expect(newPasswordSchema.safeParse("1234567").success).toBe(false);
    expect(newPasswordSchema.safeParse("12345678").success).toBe(true);
    expect(newPasswordSchema.safeParse("x".repeat(200)).success).toBe(true);
    expect(newPasswordSchema.safeParse("x".repeat(201)).success).toBe(false);
  });

  it("trim names and require one", () => {
    expect(nameSchema.parse("  Ada ")).toBe("Ada");
    expect(nameSchema.safeParse("   ").success).toBe(false);
  });
});
