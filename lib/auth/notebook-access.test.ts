import { describe, expect, it } from "vitest";
import { mayDo, permissionsOf, roleIn, type NotebookGrants, type NotebookNeed, type NotebookRole } from "./notebook-access";

const AUTHOR = "author";
const ME = "me";

describe("roleIn", () => {
  const cases: Array<[string, string | null, Omit<NotebookGrants, "ownerId">, NotebookRole | null]> = [
    ["the author", AUTHOR, {}, "owner"],
    ["an owner of the notebook's team", ME, { teamRole: "owner" }, "owner"],
    ["an editor of the team", ME, { teamRole: "editor" }, "editor"],
    ["a viewer of the team", ME, { teamRole: "viewer" }, "viewer"],
    ["a user it is shared with as editor", ME, { shareRole: "editor" }, "editor"],
    ["a user it is shared with as viewer", ME, { shareRole: "viewer" }, "viewer"],
    ["a signed-in holder of a run link", ME, { linkAccess: "run" }, "viewer"],
    ["a signed-in holder of a read link", ME, { linkAccess: "read" }, "reader"],
    ["a signed-out holder of a run link", null, { linkAccess: "run" }, "reader"],
    ["a signed-out holder of a read link", null, { linkAccess: "read" }, "reader"],
    ["a stranger", ME, {}, null],
    ["nobody signed in, without a link", null, {}, null],
    ["a team viewer it is also shared with as editor (the best grant wins)", ME, { teamRole: "viewer", shareRole: "editor" }, "editor"],
    ["a shared viewer holding a read link", ME, { shareRole: "viewer", linkAccess: "read" }, "viewer"],
    ["the author who is only a viewer of the team", AUTHOR, { teamRole: "viewer" }, "owner"],
  ];
  it.each(cases)("gives %s the right role", (_label, userId, grants, role) => {
    expect(roleIn(userId, { ownerId: AUTHOR, ...grants })).toBe(role);
  });
});

describe("what each role may do", () => {
  const table: Record<NotebookRole, Record<NotebookNeed, boolean>> = {
    owner: { read: true, edit: true, delete: true, run: true, manage: true },
    editor: { read: true, edit: true, delete: false, run: true, manage: false },
    viewer: { read: true, edit: false, delete: false, run: true, manage: false },
    reader: { read: true, edit: false, delete: false, run: false, manage: false },
  };
  for (const [role, needs] of Object.entries(table) as Array<[NotebookRole, Record<NotebookNeed, boolean>]>) {
    it(`${role}: ${Object.entries(needs).map(([need, ok]) => `${ok ? "" : "no "}${need}`).join(", ")}`, () => {
      for (const [need, ok] of Object.entries(needs)) expect(mayDo(role, need as NotebookNeed), need).toBe(ok);
      expect(permissionsOf(role)).toEqual({ edit: needs.edit, run: needs.run, delete: needs.delete, manage: needs.manage });
    });
  }
});
