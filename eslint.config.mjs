import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".next-*/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
    },
  },
  {
    // DESIGN.md's layering: only lib/containers talks to Docker or knows the agent's protocol; the
    // rest of the app uses the container service (lib/containers/backend.ts, app-backend.ts).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "cli/**/*.ts", "server.ts"],
    ignores: ["lib/containers/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "dockerode", message: "Only lib/containers talks to Docker." }],
          patterns: [
            { group: ["**/containers/agent-*", "**/containers/docker/*", "**/containers/docker-client"], message: "Use the container service (lib/containers/backend.ts) instead." },
          ],
        },
      ],
    },
  },
  {
    // Server code logs through lib/observability/logger.ts (structured, with request ids), never the console.
    files: ["lib/**/*.ts", "app/api/**/*.ts"],
    ignores: ["lib/client/**", "**/*.test.ts"],
    rules: { "no-console": "error" },
  },
  {
    // The image's Node kernel is a CommonJS script run by Debian's node, not part of the app.
    files: ["runtime-image/**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
