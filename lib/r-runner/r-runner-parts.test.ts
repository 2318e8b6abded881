import { describe, expect, it } from "vitest";
import { parseInventory } from "./r-system";
import { isRegistryRef } from "./runner-image";

describe("isRegistryRef", () => {
  it("pulls only references that name a repository", () => {
    expect(isRegistryRef("ghcr.io/org/r-runner-r-full:latest")).toBe(true);
    expect(isRegistryRef("rocker/r-ver:4.2")).toBe(true);
    expect(isRegistryRef("runnel-r-base:5873d0a380c4")).toBe(false);
    expect(isRegistryRef("r-runner-r-base")).toBe(false);
  });
});

describe("parseInventory", () => {
  it("reads the R version line and one tab-separated package per line, sorted", () => {
    const system = parseInventory("img", "R\t4.2.2\t\nstats\t4.2.2\njsonlite\t1.8.4\n");
    expect(system).toEqual({
      r_version: "4.2.2",
      image: "img",
      packages: [
        { name: "jsonlite", version: "1.8.4" },
        { name: "stats", version: "4.2.2" },
      ],
    });
  });
});
