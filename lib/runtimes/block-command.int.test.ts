import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { imageTag } from "../containers/image-tag";
import type { Runtime } from "../notebook/types";
import { blockCommand } from "./block-command";

const backend = getContainerBackend();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await backend.createSandbox({
    image: imageTag("runtime"),
    labels: { "runnel.kind": "test", "runnel.test": randomUUID() },
    limits: { cpus: 1, memoryBytes: 512 * 1024 ** 2, pids: 100, diskBytes: 64 * 1024 ** 2 },
  });
  await sandbox.seedFiles([
    { path: "utils.py", content: "def greet(n):\n    return f'py {n}'\n" },
    { path: "utils.js", content: "exports.greet = (n) => `js ${n}`;\n" },
    { path: "lib.sh", content: "greet() { echo \"sh $1\"; }\n" },
    { path: "helpers.R", content: "greet <- function(n) paste('r', n)\n" },
    { path: "greet.go", content: "package main\n\nfunc greet(n string) string { return \"go \" + n }\n" },
  ]);
}, 60_000);

afterAll(() => sandbox?.remove());

async function runBlock(runtime: Runtime, code: string) {
  const { files, argv } = blockCommand(runtime, 7, code);
  let stdout = "";
  let stderr = "";
  let exitCode: number | null = null;
  for await (const event of sandbox.run({ argv, files, cwd: "/workspace", timeoutMs: 60_000, outputCapBytes: 1 << 20 }).events) {
    if (event.type === "output") {
      if (event.stream === "stdout") stdout += event.data;
      else stderr += event.data;
    }
    if (event.type === "exit") exitCode = event.exitCode;
  }
  return { stdout, stderr, exitCode };
}

describe("block commands, in the runtime image, with file blocks importable", () => {
  it.each<[Runtime, string, string]>([
    ["python", "import utils\nprint(utils.greet('ok'))", "py ok\n"],
    ["node", "const u = require('./utils.js');\nconsole.log(u.greet('ok'));", "js ok\n"],
    ["bash", "source ./lib.sh\ngreet ok", "sh ok\n"],
    ["r", "source('helpers.R')\ncat(greet('ok'), '\\n')", "r ok \n"],
    ["go", 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(greet("ok")) }', "go ok\n"],
  ])("runs %s", async (runtime, code, expected) => {
    const result = await runBlock(runtime, code);
    expect(result).toMatchObject({ stdout: expected, exitCode: 0 });
  });

  it("runs from /workspace, so a block reads the workspace's files by relative path", async () => {
    expect((await runBlock("bash", "pwd; ls utils.py")).stdout).toBe("/workspace\nutils.py\n");
  });

  it("reports a Go compile error on stderr with a non-zero exit", async () => {
    const result = await runBlock("go", "package main\n\nfunc main() { undefinedThing() }");
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("undefined: undefinedThing");
  });

  it("keeps a python error's traceback on stderr and its exit code", async () => {
    const result = await runBlock("python", "print('before')\nraise SystemExit(3)");
    expect(result).toMatchObject({ stdout: "before\n", exitCode: 3 });
  });
});
