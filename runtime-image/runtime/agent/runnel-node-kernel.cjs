// Runnel's Node kernel: one Node process per session keeps state from block to block (Debian
// packages no Jupyter kernel for Node). Started by the agent (runnel-agent.py), which writes one
// request line per block to fd 3 ({nonce, code}) and reads this process's answers from fd 4
// ({nonce, type: "display" | "done", ...}); console output goes to stdout/stderr, which the agent
// reads as the block's output. Everything here is the block's own code: the agent validates and
// caps what it reads, and never takes a line of it as its own protocol.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");
const repl = require("node:repl");
const { PassThrough } = require("node:stream");
const util = require("node:util");
const Module = require("node:module");

const requests = readline.createInterface({ input: fs.createReadStream(null, { fd: 3 }) });
const answers = fs.createWriteStream(null, { fd: 4 });
const workspace = process.cwd();
let current = null;

function answer(message) {
  answers.write(`${JSON.stringify({ nonce: current, ...message })}\n`);
}

/** display(value) or display({"text/html": …}, {raw: true}): rich output, as Jupyter's. */
function display(value, options = {}) {
  if (options.raw && value && typeof value === "object") return answer({ type: "display", data: value });
  if (typeof value === "string") return answer({ type: "display", data: { "text/plain": value } });
  const data = { "text/plain": util.inspect(value, { depth: 4, colors: false }) };
  try {
    data["application/json"] = JSON.parse(JSON.stringify(value));
  } catch {
    // not JSON: text only
  }
  return answer({ type: "display", data });
}

// Top-level declarations become globals, so they carry to the next block (and a block that
// declares `const x` runs again without "already declared"); the body is async, so top-level
// await works. Only declarations at the start of a line (column 0) are top-level here.
function hoist(code) {
  return code
    .replace(/^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/gm, "globalThis.$1 =")
    .replace(/^(async\s+)?function(\s*\*)?\s+([A-Za-z_$][\w$]*)/gm, "globalThis.$3 = $1function$2 $3")
    .replace(/^class\s+([A-Za-z_$][\w$]*)/gm, "globalThis.$1 = class $1");
}

// Each block is compiled as a CommonJS module of /workspace (Node's own loader, as ts-node and
// pirates use it), so `require` and `import()` both resolve relative paths from /workspace and
// bare names from its node_modules. Its body is an async function (top-level await), opened on
// the first line so a stack trace's line numbers are the block's own.
const BLOCK_FILE = path.join(workspace, "runnel-block.js");
function compileBlock(code) {
  const block = new Module(BLOCK_FILE, null);
  block.filename = BLOCK_FILE;
  block.paths = Module._nodeModulePaths(workspace);
  block._compile(`module.exports = async function () {${code}\n};`, BLOCK_FILE);
  return block.exports;
}

globalThis.display = display;
globalThis.require = Module.createRequire(BLOCK_FILE);
globalThis.module = { exports: {} };
globalThis.__dirname = workspace;

// Completion in the editor: Node's own REPL completer over this kernel's globals. The REPL defines
// its own require, module, _ and _error on the global it shares; the kernel's are put back.
let completer = null;
function replCompleter() {
  if (completer) return completer;
  const kept = { require: globalThis.require, module: globalThis.module };
  completer = repl.start({ input: new PassThrough(), output: new PassThrough(), terminal: false, useGlobal: true, prompt: "" });
  for (const name of ["_", "_error"]) delete globalThis[name];
  Object.assign(globalThis, kept);
  return completer;
}

/** Answers as Jupyter's complete_reply does; cursor counts code points, as Jupyter's cursor_pos. */
function complete(nonce, code, cursor) {
  const reply = (content) => answers.write(`${JSON.stringify({ nonce, type: "complete_reply", content })}\n`);
  const before = Array.from(String(code)).slice(0, cursor).join("");
  const line = before.slice(before.lastIndexOf("\n") + 1);
  try {
    replCompleter().complete(line, (error, result) => {
      if (error || !Array.isArray(result) || !Array.isArray(result[0])) return reply({ status: "error" });
      const matches = [...new Set(result[0].filter((match) => typeof match === "string" && match !== ""))];
      const start = cursor - Array.from(String(result[1] ?? "")).length;
      reply({ status: "ok", matches, cursor_start: start, cursor_end: cursor, metadata: {} });
    });
  } catch {
    reply({ status: "error" });
  }
}

requests.on("line", async (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (request.complete) return complete(request.nonce, request.complete.code, Number(request.complete.cursor));
  current = request.nonce;
  try {
    // Fresh copies of workspace modules each block, so a changed file block takes effect.
    for (const key of Object.keys(require.cache)) if (key.startsWith(workspace + path.sep)) delete require.cache[key];
    const run = compileBlock(hoist(String(request.code)));
    const value = await run();
    if (value !== undefined) display(value);
    answer({ type: "done", ok: true });
  } catch (error) {
    const ename = error && error.name ? String(error.name) : "Error";
    const evalue = error && error.message !== undefined ? String(error.message) : String(error);
    const traceback = error && error.stack ? String(error.stack).split("\n") : [`${ename}: ${evalue}`];
    answer({ type: "done", ok: false, ename, evalue, traceback });
  }
});
requests.on("close", () => process.exit(0));
process.on("SIGINT", () => {
  // Interrupt: a busy loop cannot be stopped from inside; the agent kills the kernel after its
  // grace period. An awaiting block is abandoned here.
  if (current !== null) answer({ type: "done", ok: false, ename: "Interrupted", evalue: "The block was interrupted.", traceback: [] });
});
