import { describe, expect, it } from "vitest";
import { checkHealth } from "./check-health";

describe("checkHealth", () => {
  it("reports the engine version, the database and the runtime image when all are up", async () => {
    const health = await checkHealth();
    expect(health).toMatchObject({
      status: "ok",
      docker: { ok: true, version: expect.stringMatching(/^\d+\.\d+/) },
      db: { ok: true },
      images: {
        runtime: { ok: true, tag: expect.stringMatching(/^runnel-runtime:[0-9a-f]{12}$/) },
        r: { ok: true, tag: expect.stringMatching(/^runnel-r-base:[0-9a-f]{12}$/) },
        webapp: { ok: true, tag: expect.stringMatching(/^runnel-webapp-python:[0-9a-f]{12}$/) },
      },
    });
  });
});
