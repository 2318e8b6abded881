import { subscribeDeployEvents, type DeployEvent } from "./deploy-progress";
import { isDeploying } from "./app-status";
import { pendingDeploy } from "./deploy-tasks";
import type { AppView } from "./app-view";

/** The first line of a deploy stream is the app as the route would answer it. */
export type DeployStreamLine = { type: "app"; app: AppView } | DeployEvent;

/** Whether the client asked for the deploy's progress as NDJSON rather than one JSON reply. */
export function wantsNdjson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/x-ndjson");
}

/**
 * Streams a deploy as NDJSON: `{"type":"app",…}`, then each build line `{"type":"log","line"}`,
 * and ends with the status it settles in (`{"type":"status","status":"running"|"failed",…}`).
 * The client going away stops the stream, not the deploy.
 */
export function deployProgressResponse(app: AppView): Response {
  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (line: DeployStreamLine) => {
        if (open) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      const close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        controller.close();
      };
      send({ type: "app", app });
      unsubscribe = subscribeDeployEvents(app.id, (event) => {
        send(event);
        if (event.type === "status" && !isDeploying(event.status)) close();
      });
      const task = pendingDeploy(app.id);
      if (task) void task.finally(close);
      else close();
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(body, {
    status: 201,
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
