import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Prometheus metrics, named after JupyterHub's where one fits (jupyterhub_running_servers,
// jupyterhub_server_spawn_duration_seconds, …). One registry per process on globalThis: Next's
// bundles and server.ts each load this module, and a metric may be registered only once.
const globalKey = Symbol.for("runnel.metrics");

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "runnel_process_" });
  const registers = [registry];
  return {
    registry,
    liveSessions: new Gauge({
      name: "runnel_running_sessions",
      help: "Notebook sessions whose container is live",
      registers,
    }),
    sessionConnectSeconds: new Histogram({
      name: "runnel_session_connect_duration_seconds",
      help: "Time to connect a session, by where its container came from and the outcome",
      labelNames: ["source", "outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    runs: new Counter({
      name: "runnel_runs_total",
      help: "Block runs by runtime and outcome (success, failure, timeout, cancelled, error)",
      labelNames: ["runtime", "outcome"] as const,
      registers,
    }),
    runSeconds: new Histogram({
      name: "runnel_run_duration_seconds",
      help: "Block run duration by runtime",
      labelNames: ["runtime"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    warmPoolSize: new Gauge({
      name: "runnel_warm_pool_size",
      help: "Started containers waiting in the warm pool",
      registers,
    }),
    appBuilds: new Counter({
      name: "runnel_app_builds_total",
      help: "Web app image builds by app type and outcome",
      labelNames: ["app_type", "outcome"] as const,
      registers,
    }),
    appBuildSeconds: new Histogram({
      name: "runnel_app_build_duration_seconds",
      help: "Web app image build duration by app type",
      labelNames: ["app_type"] as const,
      buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    containerCreateFailures: new Counter({
      name: "runnel_container_create_failures_total",
      help: "Containers the engine failed to create or start, by kind (session, pool, r, app)",
      labelNames: ["kind"] as const,
      registers,
    }),
    rRuns: new Counter({
      name: "runnel_r_runs_total",
      help: "R runner scripts by outcome (success, failure, timeout, error)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    rRunSeconds: new Histogram({
      name: "runnel_r_run_duration_seconds",
      help: "R runner request duration",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    httpRequestSeconds: new Histogram({
      name: "runnel_request_duration_seconds",
      help: "HTTP request duration by method and status code",
      labelNames: ["method", "code"] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
type GlobalWithMetrics = typeof globalThis & { [globalKey]?: Metrics };

export function getMetrics(): Metrics {
  const store = globalThis as GlobalWithMetrics;
  store[globalKey] ??= createMetrics();
  return store[globalKey];
}
