import { APP_TYPES, type AppType, type Runtime } from "./types";

const RUNTIME_ALIASES: Record<string, Runtime> = {
  python: "python",
  py: "python",
  node: "node",
  js: "node",
  javascript: "node",
  bash: "bash",
  sh: "bash",
  shell: "bash",
  go: "go",
  golang: "go",
  r: "r",
};

export function resolveRuntime(word: string): Runtime | undefined {
  return Object.hasOwn(RUNTIME_ALIASES, word.toLowerCase()) ? RUNTIME_ALIASES[word.toLowerCase()] : undefined;
}

export function resolveAppType(word: string): AppType | undefined {
  return APP_TYPES.find((type) => type === word.toLowerCase());
}
