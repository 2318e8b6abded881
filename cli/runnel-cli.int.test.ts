import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchNotebook, GET as getNotebook } from "@/app/api/notebooks/[id]/route";
import { POST as runNotebook } from "@/app/api/notebooks/run/route";
import { POST as importIpynb } from "@/app/api/notebooks/import/route";
import { POST as createNotebook } from "@/app/api/notebooks/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as createToken } from "@/app/api/tokens/route";
import { getContainerBackend } from "@/lib/containers/container-backend";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";
import { startRouteServer, type RouteServer } from "@/test/route-server";

withMigratedDatabase();

const bin = fileURLToPath(new URL("./runnel.mjs", import.meta.url));
type CliResult = { status: number; stdout: string; stderr: string };

function runnel(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env, NO_COLOR: "1" }, timeout: 240_000 }, (error, stdout, stderr) => {
      const status = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

const notebooks: Record<string, string> = {
  "a-passing.md": "# Passing\n\n```runnable bash\necho hello   \n```\n\n```output\nhello\n```\n\n```runnable python\nimport sys\nprint('warn', file=sys.stderr)\n```\n```output stderr match=contains\nwarn\n```\n",
  "b-failing.md": "# Failing\n\n```runnable bash\necho before the failure\nexit 3\n```\n\n```runnable bash\necho never runs\n```\n",
  "c-differing.md": "# Differing\n\n```runnable bash id=count\nprintf 'one\\ntwo\\nthree\\n'\n```\n\n```output\none\n2\nthree\n```\n",
  "nested/d-file-block.md": "# Files\n\n```file text data/greeting.txt\nhi from a file block\n```\n\n```runnable python\nprint(open('data/greeting.txt').read().strip())\n```\n\n```output\nhi from a file block\n```\n",
};

let server: RouteServer;
let env: Record<string, string>;
let userId: string;
let dir: string;

beforeAll(async () => {
  server = await startRouteServer([
    { method: "GET", path: "/api/auth/me", handler: me },
    { method: "POST", path: "/api/notebooks/run", handler: runNotebook },
    { method: "POST", path: "/api/notebooks/import", handler: importIpynb },
    { method: "POST", path: "/api/notebooks", handler: createNotebook },
    { method: "GET", path: "/api/notebooks/:id", handler: getNotebook },
    { method: "PATCH", path: "/api/notebooks/:id", handler: patchNotebook },
  ]);
  const user = await signUpUser("cli");
  userId = user.user.id;
  const response = await createToken(apiRequest("/api/tokens", { method: "POST", cookie: user.cookie, body: { name: "ci" } }), noParams);
  const { token } = (await response.json()) as { token: string };
  env = { RUNNEL_URL: server.url, RUNNEL_TOKEN: token };
  dir = await mkdtemp(join(tmpdir(), "runnel-cli-"));
  await mkdir(join(dir, "docs", "nested"), { recursive: true });
  for (const [name, content] of Object.entries(notebooks)) await writeFile(join(dir, "docs", name), content);
});

afterAll(async () => {
  await server?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

describe("runnel run", () => {
  it("runs a folder of notebooks, exits 1, writes one JUnit test case per block and shows the diff", async () => {
    const junit = join(dir, "report.xml");
    const json = join(dir, "report.json");
    const result = await runnel(["run", join(dir, "docs"), "--junit", junit, "--json", json], env);

    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain("block 1 of 2");
    expect(result.stdout).toContain("hello");
    expect(result.stdout).toContain("before the failure");
    expect(result.stdout).toContain("The block exited with 3.");
    expect(result.stdout).toMatch(/--- expected\n\+\+\+ actual\n@@ .* @@\n one\n-2\n\+two\n three/);
    expect(result.stdout).toContain("hi from a file block");
    expect(result.stdout).not.toContain("\x1b[");
    expect(result.stdout).toMatch(/PASS .*a-passing\.md/);
    expect(result.stdout).toMatch(/FAIL .*b-failing\.md \(0 passed, 1 failed, 1 skipped/);
    expect(result.stdout).toMatch(/FAIL .*c-differing\.md/);
    expect(result.stdout).toMatch(/PASS .*d-file-block\.md/);

    const xml = await readFile(junit, "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml).toContain('<testsuites name="runnel" tests="6" failures="2" skipped="1"');
    expect(xml).toContain('name="block 0 (count) bash"');
    expect(xml).toMatch(/<failure message="The output differs from the expected output.">[^<]*-2\n\+two/);
    expect(xml).toContain('<failure message="The block exited with 3.">');

    const report = JSON.parse(await readFile(json, "utf8"));
    expect(report.ok).toBe(false);
    expect(report.notebooks.map((n: { ok: boolean }) => n.ok)).toEqual([true, false, false, true]);
    expect(report.notebooks[0].blocks[1]).toMatchObject({ status: "passed", stderr: "warn\n", expectations: [{ stream: "stderr", matched: true }] });

    const left = await getContainerBackend().listSandboxes({ "runnel.kind": "scratch", "runnel.owner": userId });
    expect(left).toEqual([]);
  });

  it("exits 0 when every notebook passes, and stops at the first failing notebook with --bail", async () => {
    const passing = await runnel(["run", join(dir, "docs", "a-passing.md"), join(dir, "docs", "nested")], env);
    expect(passing.status, passing.stdout + passing.stderr).toBe(0);
    const bailed = await runnel(["run", "--bail", join(dir, "docs", "b-failing.md"), join(dir, "docs", "a-passing.md")], env);
    expect(bailed.status).toBe(1);
    expect(bailed.stdout).not.toContain("a-passing.md");
  });

  it("rewrites a differing exact expected output with --update, after which the notebook passes", async () => {
    const file = join(dir, "update.md");
    await writeFile(file, notebooks["c-differing.md"]!);
    const updated = await runnel(["run", "--update", file], env);
    expect(updated.status, updated.stdout).toBe(0);
    expect(await readFile(file, "utf8")).toBe(notebooks["c-differing.md"]!.replace("one\n2\nthree", "one\ntwo\nthree"));
    expect((await runnel(["run", file], env)).status).toBe(0);
  });

  it("refuses a run without a token, with a sentence", async () => {
    const result = await runnel(["run", join(dir, "docs")], { RUNNEL_URL: server.url, RUNNEL_TOKEN: "" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("No API token");
    const wrong = await runnel(["run", join(dir, "docs")], { RUNNEL_URL: server.url, RUNNEL_TOKEN: "nope" });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("The server answered 401");
  });
});

describe("Runnel's own docs", () => {
  it("pass: every notebook under docs/ runs and matches its expected outputs", async () => {
    const result = await runnel(["run", fileURLToPath(new URL("../docs", import.meta.url))], env);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});

describe("runnel import", () => {
  it("creates a notebook from an .ipynb and prints what was dropped", async () => {
    const ipynb = fileURLToPath(new URL("../lib/notebooks/fixtures/sales-analysis.ipynb", import.meta.url));
    const result = await runnel(["import", ipynb], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Created notebook \S+ \("Sales analysis"\)/);
    expect(result.stdout).toContain("Dropped 2 rich output(s)");
    const bad = join(dir, "bad.ipynb");
    await writeFile(bad, "{}");
    const refused = await runnel(["import", bad], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("The server answered 422: This is not an nbformat 4 notebook");
  });
});

describe("runnel push and pull", () => {
  it("round-trip a notebook byte for byte, and a newer server version is reported, never overwritten", async () => {
    const file = join(dir, "guide.md");
    await writeFile(file, "# Guide\n\nSome text.\n\n```runnable bash\necho hi\n```\n");
    const created = await runnel(["push", file], env);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created notebook \S+ \(version 2\)/);
    const pushed = await readFile(file, "utf8");
    const id = /runnel-id: (\S+)/.exec(pushed)![1]!;

    const pulled = join(dir, "pulled.md");
    expect((await runnel(["pull", `${server.url}/notebooks/${id}`, "--out", pulled], env)).status).toBe(0);
    expect(await readFile(pulled, "utf8")).toBe(pushed);

    await writeFile(file, `${pushed}\nMore text.\n`);
    const updated = await runnel(["push", file], env);
    expect(updated.stdout).toContain("Updated notebook");
    expect((await runnel(["pull", id, "--out", pulled], env)).status).toBe(0);
    expect(await readFile(pulled, "utf8")).toBe(await readFile(file, "utf8"));

    // Someone edits it in the browser; the file's push is now on a stale version.
    const detail = await (await getNotebook(apiRequest(`/api/notebooks/${id}`, { token: env.RUNNEL_TOKEN }), routeParams({ id }))).json();
    const browserEdit = `${detail.notebook.content}\nEdited in the browser.\n`;
    const patched = await patchNotebook(
      apiRequest(`/api/notebooks/${id}`, { method: "PATCH", token: env.RUNNEL_TOKEN, body: { content: browserEdit, baseVersion: detail.notebook.version } }),
      routeParams({ id }),
    );
    expect(patched.status).toBe(200);
    await writeFile(file, `${await readFile(file, "utf8")}\nLocal edit.\n`);
    const refused = await runnel(["push", file], env);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain("The server answered 409");
    const after = await (await getNotebook(apiRequest(`/api/notebooks/${id}`, { token: env.RUNNEL_TOKEN }), routeParams({ id }))).json();
    expect(after.notebook.content).toBe(browserEdit);
  });
});
