// Integration tests need the real services that scripts/test.sh provides.
import { execFileSync } from "node:child_process";

export default function setup() {
  if (!process.env.TEST_DATABASE_URL) {
    throw new Error("TEST_DATABASE_URL is not set: run integration tests through `npm test` (it starts PostgreSQL).");
  }
  try {
    execFileSync("docker", ["info"], { stdio: "ignore", timeout: 10_000 });
  } catch {
    throw new Error("No Docker engine answers: run `npm test`, whose bootstrap starts one.");
  }
}
