import { BLOCKS } from "./bench-notebook";
import type { BenchClient } from "./http-client";
import { summarize, type Figure, type Sample } from "./measure";
import type { BenchServer } from "./server-process";

const FLOODS = 3;

/**
 * The server's resident memory before and after a block that prints 50 MB, run three times, and
 * around one that writes 400 MB with no newline.
 */
export async function serverMemory(server: BenchServer, client: BenchClient, sessionId: string): Promise<{ samples: Sample[]; figures: Figure[] }> {
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
  const big = await client.run(sessionId, BLOCKS.flood400);
  const afterBig = server.rssMegabytes();
  const bigGrowth = afterBig.rss - after.rss;
  return {
    samples: [
      summarize("run 50 MB flood, API", times, { note: truncated ? "output capped" : "output NOT capped" }),
      summarize("run 400 MB newline-less flood, API", [big.exitAtMs], { note: big.truncated ? "output capped" : "output NOT capped" }),
    ],
    figures: [
      {
        name: `server RSS growth, ${FLOODS} × 50 MB flood`,
        value: growth,
        unit: "MB",
        target: "< 30 MB",
        met: growth < 30,
        note: `RSS ${steps.map((mb) => mb.toFixed(0)).join(" → ")} MB, peak ${after.peak.toFixed(0)} MB`,
      },
      {
        name: "server RSS growth, 400 MB newline-less flood",
        value: bigGrowth,
        unit: "MB",
        target: "< 30 MB",
        met: bigGrowth < 30,
        note: `RSS ${after.rss.toFixed(0)} → ${afterBig.rss.toFixed(0)} MB, peak ${afterBig.peak.toFixed(0)} MB`,
      },
    ],
  };
}
