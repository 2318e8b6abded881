import { describe, expect, it } from "vitest";
import { foreignLabels, foreignLabelSentence } from "./foreign-labels";

describe("foreignLabels", () => {
  const own = { "runnel.kind": "app", "runnel.app": "a1" };

  it("names a traefik router label an image brings along", () => {
    expect(foreignLabels({ "traefik.http.routers.pwn.rule": "Host(`runnel.example.com`)", maintainer: "x" }, own)).toEqual([
      "traefik.http.routers.pwn.rule",
    ]);
  });

  it("catches reserved prefixes whatever their case", () => {
    expect(foreignLabels({ "Traefik.enable": "true", "RUNNEL.owner": "someone" }, own)).toEqual(["RUNNEL.owner", "Traefik.enable"]);
  });

  it("refuses a runnel label whose value differs from the one Runnel set", () => {
    expect(foreignLabels({ "runnel.app": "someone-else", "runnel.kind": "app" }, own)).toEqual(["runnel.app"]);
  });

  it("accepts Runnel's own labels and the trusted base image's", () => {
    expect(foreignLabels({ ...own, "runnel.image": "webapp-python", "org.label": "ok" }, own, { "runnel.image": "webapp-python" })).toEqual([]);
  });

  it("says which label and what to do, briefly", () => {
    const keys = ["traefik.a", "traefik.b", "traefik.c", "traefik.d"];
    expect(foreignLabelSentence(keys)).toMatch(/traefik\.a, traefik\.b, traefik\.c and 1 more, which only Runnel may set/);
  });
});
