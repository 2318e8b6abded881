import { describe, expect, it } from "vitest";
import { uniqueEmail, withMigratedDatabase } from "@/test/route-requests";
import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { parseNotebook } from "../notebook/parse-notebook";
import { WELCOME_CONTENT, WELCOME_TITLE } from "../notebooks/welcome-notebook";
import { signUp } from "./sign-up";

withMigratedDatabase();

describe("signUp", () => {
  it("creates the account with its welcome notebook, owned by the new user", async () => {
    const user = await signUp({ email: uniqueEmail("welcome"), password: "correct horse battery", name: " Welcomed ", clientAddress: "198.51.100.1" });
    expect(user.name).toBe("Welcomed");
    const notebooks = await getPrisma().notebook.findMany({ where: { ownerId: user.id } });
    expect(notebooks).toMatchObject([{ title: WELCOME_TITLE, version: 1, teamId: null }]);
    // Saved as written, but for the block ids that saving adds to each fence line.
    const content = notebooks[0]!.content;
    expect(content.replace(/ id=[A-Za-z][\w-]*$/gm, "")).toBe(WELCOME_CONTENT);
    expect(parseNotebook(content).every((block) => block.id !== null)).toBe(true);
  });

  it("creates neither account nor notebook when the email is taken", async () => {
    const email = uniqueEmail("taken");
    await signUp({ email, password: "correct horse battery", name: "First", clientAddress: "198.51.100.1" });
    const before = await getPrisma().notebook.count({ where: { title: WELCOME_TITLE } });
    await expect(signUp({ email: email.toUpperCase(), password: "correct horse battery", name: "Second", clientAddress: "198.51.100.1" })).rejects.toThrow(AppError);
    expect(await getPrisma().notebook.count({ where: { title: WELCOME_TITLE } })).toBe(before);
  });
});
