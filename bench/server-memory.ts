import { BLOCKS } from "./bench-notebook";
import type { BenchClient } from "./http-client";
import { summarize, type Figure, type Sample } from "./measure";
import type { BenchServer } from "./server-process";

const FLOODS = 3;

/** The server's resident memory before and after a block that prints 50 MB, run three times. */
export async function serverMemory(server: BenchServer, client: BenchClient, sessionId: string): Promise<{ sample: Sample; figure: Figure }> {
  const before = server.rssMegabytes();
  const times: number[] = [];
  const steps = [before.rss];
  let truncated = true;
  for (let i = 0; i < FLOODS; i++) {
    const result = await client.run(sessionId, BLOCKS.flood);
    times.push(result.exitAtMs);
    truncated &&= result.truncated;
    steps.push(server.rssMegabytes().rss);
  }
  const after = server.rssMegabytes();
  const growth = after.rss - before.rss;
  return {
    sample: summarize("run 50 MB flood, API", times, { note: truncated ? "output capped" : "output NOT capped" }),
    figure: {
      name: `server RSS growth, ${FLOODS} × 50 MB flood`,
      value: growth,
      unit: "MB",
      target: "< 30 MB",
      met: growth < 30,
      note: `RSS ${steps.map((mb) => mb.toFixed(0)).join(" → ")} MB, peak ${after.peak.toFixed(0)} MB`,
    },
  };
}
