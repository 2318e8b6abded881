import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { imageTag } from "../lib/containers/image-tag";

// Runs an R script the way Runnel does (no network, read-only root, the sandbox user) with an
// output folder in /tmp, then lists what the profile left there.
function runR(image: string, outputVariable: string, script: string): { stdout: string; files: string[] } {
  const out = execFileSync(
    "docker",
    [
      "run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp", "--tmpfs", "/workspace:uid=1000,gid=1000",
      "-e", `${outputVariable}=/tmp/out`, "--entrypoint", "sh", image,
      "-c", 'mkdir -p /tmp/out && Rscript --no-echo -e "$1" && echo "--files--" && ls /tmp/out', "sh", script,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  const [stdout = "", files = ""] = out.split("--files--\n");
  return { stdout, files: files.split("\n").filter(Boolean) };
}

describe.each([
  ["runtime", "RUNNEL_OUTPUT"],
  ["r-base", "RUNNER_OUTPUT_DIR"],
])("the R profile of the %s image", (name, outputVariable) => {
  it("draws plots into the output folder as PNG files without png()", () => {
    const { files } = runR(imageTag(name), outputVariable, "plot(cars); hist(rnorm(10))");
    expect(files).toEqual(["plot-001.png", "plot-002.png"]);
  });

  it("leaves the folder empty when nothing is drawn, and prints data frames 120 columns wide", () => {
    const { stdout, files } = runR(imageTag(name), outputVariable, "cat(getOption('width'), '\\n'); print(data.frame(a = 1:2))");
    expect(stdout).toBe("120 \n  a\n1 1\n2 2\n");
    expect(files).toEqual([]);
  });
});

describe("the runtime image's R profile", () => {
  it("also catches a printed ggplot", () => {
    const { files } = runR(imageTag("runtime"), "RUNNEL_OUTPUT", "library(ggplot2); print(ggplot(mtcars, aes(wt, mpg)) + geom_point())");
    expect(files).toEqual(["plot-001.png"]);
  });
});
