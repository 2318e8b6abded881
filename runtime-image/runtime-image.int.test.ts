import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { imageTag } from "../lib/containers/image-tag";

// The image as sessions will run it: no network, the sandbox user, a read-only root, and an
// exec-able /tmp (go run executes the binary it builds there).
function runInImage(script: string): string {
  return execFileSync(
    "docker",
    ["run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp:exec", "--entrypoint", "bash", imageTag("runtime"), "-c", script],
    { encoding: "utf8", timeout: 60_000 },
  );
}

describe("the runtime image", () => {
  it("is built under the tag the app expects", () => {
    const labels = execFileSync("docker", ["image", "inspect", "--format", "{{json .Config.Labels}}", imageTag("runtime")], {
      encoding: "utf8",
    });
    expect(JSON.parse(labels)).toMatchObject({ "runnel.image": "runtime" });
  });

  it("runs as the unprivileged sandbox user in /workspace", () => {
    expect(runInImage("id -u; id -g; pwd").trim().split("\n")).toEqual(["1000", "1000", "/workspace"]);
  });

  it("has python with numpy, pandas and matplotlib", () => {
    const out = runInImage(
      "python3 -c 'import numpy, pandas, matplotlib; print(numpy.arange(3).sum(), pandas.DataFrame({\"a\": [1, 2]}).a.sum())'",
    );
    expect(out.trim()).toBe("3 3");
  });

  it("has node, bash and go, and go can build with the root filesystem read-only", () => {
    const out = runInImage(
      "node -e 'console.log(1 + 1)'; bash -c 'echo $((2 + 2))'; cd /tmp && printf 'package main\\nimport \"fmt\"\\nfunc main() { fmt.Println(6) }\\n' > m.go && go run m.go",
    );
    expect(out.trim().split("\n")).toEqual(["2", "4", "6"]);
  });

  it("has R with jsonlite and ggplot2", () => {
    const out = runInImage("Rscript -e 'suppressMessages(library(ggplot2)); cat(jsonlite::toJSON(1:2), \"\\n\")'");
    expect(out.trim()).toBe("[1,2]");
  });
});
