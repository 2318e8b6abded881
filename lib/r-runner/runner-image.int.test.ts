import { describe, expect, it } from "vitest";
import { getDocker } from "../containers/docker-client";
import { imageTag } from "../containers/image-tag";
import { AppError } from "../http/app-error";
import { ensureRunnerImage, runnerImageRef } from "./runner-image";

describe("ensureRunnerImage", () => {
  it("uses this checkout's r-base build for RUNNER_SCRIPT_IMAGE=r-base", async () => {
    expect(runnerImageRef("r-base")).toBe(imageTag("r-base"));
    const { Id } = await getDocker().getImage(imageTag("r-base")).inspect();
    expect(await ensureRunnerImage(runnerImageRef("r-base"))).toBe(Id);
  });

  it("answers 503 with how to build it when a local image is missing", async () => {
    const error = await ensureRunnerImage("runnel-r-full:000000000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(503);
    expect((error as AppError).message).toContain("runtime-image/build.sh r-full");
  });

  it("runs a registry image's cached copy when the pull fails, and is 503 without one", async () => {
    // registry.invalid never resolves, as with no registry reachable.
    const ref = "registry.invalid/runnel/r-base:cached";
    const image = getDocker().getImage(imageTag("r-base"));
    await image.tag({ repo: "registry.invalid/runnel/r-base", tag: "cached" });
    try {
      expect(await ensureRunnerImage(ref)).toBe((await image.inspect()).Id);
    } finally {
      await getDocker().getImage(ref).remove();
    }
    const error = await ensureRunnerImage("registry.invalid/runnel/r-base:never-cached").catch((e: unknown) => e);
    expect((error as AppError).status).toBe(503);
    expect((error as AppError).message).toContain("pulling it failed and no copy is cached");
  });
});
