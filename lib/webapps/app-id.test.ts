import { describe, expect, it } from "vitest";
import { notebookAppId, validateAppId } from "./app-id";

describe("validateAppId", () => {
  it("accepts DNS labels, the seed's UUIDs included", () => {
    expect(validateAppId("my-app-1")).toBe("my-app-1");
    expect(validateAppId("0b6f3c1e-5d3a-4c2b-9f4e-1a2b3c4d5e6f")).toBe("0b6f3c1e-5d3a-4c2b-9f4e-1a2b3c4d5e6f");
  });

  it.each(["", "-app", "app-", "App", "a_b", "a.b", "x".repeat(64)])("refuses %j", (id) => {
    expect(() => validateAppId(id)).toThrow(/lowercase letters, digits or '-'/);
  });
});

describe("notebookAppId", () => {
  it("is stable, a valid id, and differs per block and per notebook", () => {
    const id = notebookAppId("cmnotebook123", "site");
    expect(notebookAppId("cmnotebook123", "site")).toBe(id);
    expect(validateAppId(id)).toBe(id);
    expect(id).toMatch(/^nb-/);
    expect(notebookAppId("cmnotebook123", "Site")).not.toBe(id);
    expect(notebookAppId("cmnotebook124", "site")).not.toBe(id);
  });

  it("holds up to 64-character block ids in one DNS label", () => {
    expect(validateAppId(notebookAppId("c".repeat(30), `B${"_".repeat(63)}`))).toBeTruthy();
  });
});
