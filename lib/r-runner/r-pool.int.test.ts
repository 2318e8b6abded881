import { afterAll, describe, expect, it } from "vitest";
import { getSettings } from "../config/settings";
import { getContainerBackend } from "../containers/container-backend";
import { instanceLabel } from "../sessions/sandbox-spec";
import { withMigratedDatabase } from "../../test/route-requests";
import { createRPool, setRPool } from "./r-pool";
import { R_RUN_KIND } from "./r-sandbox-spec";
import { rSandboxesRemoved } from "./r-sandboxes";
import { runRScript } from "./run-r-script";

process.env.RUNNER_SCRIPT_IMAGE = "r-base";

withMigratedDatabase();

const caller = { kind: "runner-token" } as const;
const pool = createRPool({ ...getSettings(), R_POOL_SIZE: 1 })!;

afterAll(async () => {
  setRPool(undefined);
  await pool.stop();
  await rSandboxesRemoved();
});

async function rContainerIds(): Promise<string[]> {
  const found = await getContainerBackend().listSandboxes({ "runnel.kind": R_RUN_KIND, "runnel.instance": instanceLabel(getSettings()) });
  return found.map((container) => container.id);
}

/** The one container waiting in the pool, once the used ones are gone. */
async function filledPool(): Promise<string> {
  await rSandboxesRemoved();
  const deadline = Date.now() + 60_000;
  while (pool.available < 1) {
    if (Date.now() > deadline) throw new Error("The R pool did not fill within 60 s.");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [waiting, ...others] = await rContainerIds();
  expect(others).toEqual([]);
  return waiting!;
}

describe("the R pool", () => {
  it("runs a script in a container started before the request, removes it after, and starts another", async () => {
    setRPool(pool);
    pool.fill();
    const waiting = await filledPool();
    const reply = await runRScript("cat(1)", caller);
    expect([reply.ok, reply.stdout]).toEqual([true, "1"]);
    const next = await filledPool();
    expect(next).not.toBe(waiting);
    expect(await rContainerIds()).toEqual([next]);
  }, 120_000);

  it("runs the script in an R started before the request (in standby), with R's defaults and an empty stdin", async () => {
    await filledPool();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the standby is asked for as the container is made
    const requestedAt = Date.now() / 1000;
    // When this R started: now, less the time it has been running.
    const reply = await runRScript(
      'cat(as.numeric(Sys.time()) - proc.time()[["elapsed"]], "methods" %in% loadedNamespaces(), length(readLines(file("stdin"))), sep = "\n")',
      caller,
    );
    const [startedAt, methods, stdinLines] = reply.stdout.split("\n");
    expect(Number(startedAt)).toBeLessThan(requestedAt);
    expect([methods, stdinLines]).toEqual(["TRUE", "0"]);
  }, 120_000);

  it("never gives a second script the container, or the files, of the first", async () => {
    await filledPool();
    const first = await runRScript('writeLines("left behind", "mark.txt"); cat(file.exists("mark.txt"))', caller);
    await filledPool();
    const second = await runRScript('cat(file.exists("mark.txt"))', caller);
    expect([first.stdout, second.stdout]).toEqual(["TRUE", "FALSE"]);
  }, 120_000);
});
