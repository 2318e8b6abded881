import http from "node:http";

export type WaitOptions = {
  hostPort: number;
  timeoutMs: number;
  /** Checked between attempts: a container that has exited will never answer. */
  stillRunning: () => Promise<boolean>;
  intervalMs?: number;
  signal?: AbortSignal;
};

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", timeout: 2000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/**
 * Resolves once the app's port gives any HTTP answer; rejects with a sentence when the container
 * stops or the deadline passes. (A port that accepts but never answers is not "running".)
 */
export async function waitUntilServing({ hostPort, timeoutMs, stillRunning, intervalMs = 200, signal }: WaitOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (await answers(hostPort)) return;
    if (!(await stillRunning())) throw new Error("The app's container stopped before its port answered.");
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`The app's port did not answer within ${Math.round(timeoutMs / 1000)} s.`);
}
