import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { followBuildEvents, MAX_EVENT_BYTES, type BuildEvent } from "./follow-build-events";

describe("followBuildEvents", () => {
  it("hands on each event as its line completes, across chunk boundaries", async () => {
    const stream = new PassThrough();
    const events: BuildEvent[] = [];
    const done = followBuildEvents(stream, (event) => events.push(event));
    stream.write('{"stream":"Step 1/2"}\n{"str');
    stream.write('eam":"Step 2/2"}\n');
    stream.end('{"error":"boom","errorDetail":{"message":"boom"}}');
    await done;
    expect(events).toEqual([{ stream: "Step 1/2" }, { stream: "Step 2/2" }, { error: "boom", errorDetail: { message: "boom" } }]);
  });

  it("unbounded output: a line without end fails the follow instead of growing memory", async () => {
    const stream = new PassThrough();
    const done = followBuildEvents(stream, () => undefined);
    stream.write("x".repeat(MAX_EVENT_BYTES + 1));
    await expect(done).rejects.toThrow(/longer than 1 MiB/);
    expect(stream.destroyed).toBe(true);
  });
});
