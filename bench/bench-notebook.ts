// The notebook every engine benchmark runs, and the same commands for a bare `docker exec`.
const fence = "```";

export const BENCH_NOTEBOOK = [
  "# Bench",
  "",
  `${fence}runnable python`,
  'print("hi")',
  fence,
  "",
  `${fence}runnable bash`,
  "echo hi",
  fence,
  "",
  "Prints 50 MB; the output cap keeps all but the first part out of the server.",
  "",
  `${fence}runnable python`,
  "import sys",
  "chunk='x'*1_000_000+'\\n'",
  "for _ in range(50): sys.stdout.write(chunk)",
  fence,
  "",
  "Writes 400 MB without a newline into the stream the agent reads (issue 12's flood).",
  "",
  `${fence}runnable python`,
  "import os",
  "chunk = b'x' * (1 << 20)",
  "for _ in range(400): os.write(1, chunk)",
  fence,
  "",
  `${fence}runnable r`,
  'cat("hi\\n")',
  fence,
  "",
].join("\n");

// No front matter: a shared notebook, so python, bash and r blocks run in their kernels.
export const BLOCKS = { python: 0, bash: 1, flood: 2, flood400: 3, r: 4 } as const;

export const BARE_COMMANDS = {
  python: ["python3", "-c", 'print("hi")'],
  bash: ["sh", "-c", "echo hi"],
} as const;
