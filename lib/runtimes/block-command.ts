import type { Runtime } from "../notebook/types";

/** What the agent needs to run one block: the block's source as a file, and the command. */
export type BlockCommand = {
  files: Array<{ path: string; content: string }>;
  argv: string[];
};

// The block's file sits at the workspace root (hidden), so the runtime's own module lookup
// finds file blocks next to it: python's script directory, node's require('./x'), R's source().
const hidden = (blockIndex: number, extension: string) => `.runnel-block-${blockIndex}.${extension}`;

// Go ignores files whose names start with "." or "_", even when named; and a block's `main`
// must be compiled with the notebook's *.go file blocks but not with other blocks. So the block
// is built in a scratch folder with copies of those files, then run from /workspace.
const GO_BUILD_AND_RUN = [
  "set -e",
  'scratch=$(mktemp -d /tmp/runnel-go.XXXXXX)',
  'trap \'rm -rf "$scratch"\' EXIT',
  'for f in *.go; do if [ -f "$f" ]; then cp "$f" "$scratch/"; fi; done',
  'cp "$1" "$scratch/runnel_block.go"',
  '(cd "$scratch" && go build -o runnel-block .)',
  '"$scratch/runnel-block"',
].join("\n");

export function blockCommand(runtime: Runtime, blockIndex: number, code: string): BlockCommand {
  switch (runtime) {
    case "python": {
      const path = hidden(blockIndex, "py");
      return { files: [{ path, content: code }], argv: ["python3", "-u", path] };
    }
    case "node": {
      const path = hidden(blockIndex, "cjs");
      return { files: [{ path, content: code }], argv: ["node", path] };
    }
    case "bash": {
      const path = hidden(blockIndex, "sh");
      return { files: [{ path, content: code }], argv: ["bash", path] };
    }
    case "r": {
      const path = hidden(blockIndex, "R");
      return { files: [{ path, content: code }], argv: ["Rscript", "--no-echo", path] };
    }
    case "go": {
      const path = hidden(blockIndex, "go.txt");
      const source = /^\s*package\s+\w+/m.test(code) ? code : `package main\n\n${code}`;
      return { files: [{ path, content: source }], argv: ["bash", "-c", GO_BUILD_AND_RUN, "runnel-go", path] };
    }
  }
}
