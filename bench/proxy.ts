// The app proxy's added latency: the same small GET sent straight to an app's port and through the
// proxy by Host header, both over kept-alive connections. The app and the proxy each run in their
// own process (as in production: the app in its container, the proxy in Runnel's server), so the
// client's timings do not share an event loop with either.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { median, summarize, timeRuns, type Figure, type Sample } from "./measure";

const APP_SOURCE = `require("node:http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", function () { console.log(this.address().port); });`;
const DOMAIN = "apps.bench";

async function startProcess(command: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { child, port: Number(line) };
}

function getter(port: number, host: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return () =>
    new Promise<void>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/", agent, headers: { host } }, (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
      })
        .on("error", reject)
        .end();
    });
}

export async function benchProxy({ runs = 2000 } = {}): Promise<{ samples: Sample[]; figures: Figure[] }> {
  const app = await startProcess(process.execPath, ["-e", APP_SOURCE]);
  const proxy = await startProcess(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "serve", String(app.port)]);
  try {
    const direct = await timeRuns(getter(app.port, "127.0.0.1"), { runs, warmups: 200 });
    const proxied = await timeRuns(getter(proxy.port, `bench.${DOMAIN}`), { runs, warmups: 200 });
    const ratio = median(proxied) / median(direct);
    return {
      samples: [
        summarize("app GET, published port directly", direct),
        summarize("app GET, through the proxy", proxied, { note: "by Host header, keep-alive" }),
      ],
      figures: [
        { name: "proxy added latency (median)", value: median(proxied) - median(direct), unit: "ms" },
        { name: "proxy / direct (median)", value: ratio, unit: "×" },
      ],
    };
  } finally {
    app.child.kill();
    proxy.child.kill();
  }
}

// `tsx bench/proxy.ts serve <app port>`: the proxy alone, routing bench.<DOMAIN> to that port.
async function serve(appPort: number) {
  const { createAppProxy } = await import("../lib/webapps/proxy/create-app-proxy");
  const { createAppRouteCache } = await import("../lib/webapps/proxy/app-route-cache");
  const proxy = createAppProxy({
    appsDomain: DOMAIN,
    routes: createAppRouteCache({ load: async (id) => ({ id, status: "running", statusReason: null, hostPort: appPort, notebookId: null }) }),
    mayRead: async () => false,
  });
  const server = createServer((req, res) => void (proxy.handleRequest(req, res) || res.writeHead(404).end()));
  server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "serve") await serve(Number(process.argv[3]));
  else {
    const { samples, figures } = await benchProxy();
    for (const sample of samples) console.log(`${sample.name}: median ${sample.medianMs.toFixed(3)} ms, p95 ${sample.p95Ms.toFixed(3)} ms`);
    for (const figure of figures) console.log(`${figure.name}: ${figure.value.toFixed(3)} ${figure.unit}`);
  }
}
