import { withBlockIds } from "../notebook/with-block-ids";

// The notebook every new account starts with: one of each block type, each runtime reading the
// same file block, so a first Run shows what Runnel does without writing anything.
const FENCE = "```";

export const WELCOME_TITLE = "Welcome to Runnel";

export const WELCOME_CONTENT = `---
state: shared
---

# Welcome to Runnel

Runnel notebooks are Markdown. Fenced blocks marked \`runnable\` get a **Run** button; the code runs
in a sandbox that belongs to you and this notebook. Press **Shift+Enter** on a block to run it, or
**Run all**.

> **Writing this notebook?** Its Markdown source is beside it (under **Source** on a phone): edit it
> and the notebook follows; changes save by themselves. **Publish outputs** shows your runs to readers.
>
> **Reading a shared copy?** Nothing you run changes it, and your runs are yours alone. Outputs marked
> *Published* are the author's; run a block to see your own. **Duplicate** gives you a copy to edit.

## A file block

A \`file\` block is written into your sandbox's workspace before anything runs.

${FENCE}file csv data/planets.csv
name,moons
Mercury,0
Venus,0
Earth,1
Mars,2
Jupiter,95
${FENCE}

## Every runtime reads it

${FENCE}runnable python
import csv

with open("data/planets.csv") as f:
    planets = list(csv.DictReader(f))
print(f"Python: {len(planets)} planets, {sum(int(p['moons']) for p in planets)} moons")
${FENCE}

${FENCE}runnable node
const fs = require("node:fs");
const rows = fs.readFileSync("data/planets.csv", "utf8").trim().split("\\n").slice(1);
const most = rows.map((row) => row.split(",")).sort((a, b) => b[1] - a[1])[0];
console.log(\`Node: \${most[0]} has the most moons (\${most[1]})\`);
${FENCE}

${FENCE}runnable bash
echo "Bash: $(tail -n +2 data/planets.csv | wc -l) planets"
printf '\\033[1;32mcolours\\033[0m and \\033[33mstyles\\033[0m from the terminal are kept\\n'
${FENCE}

${FENCE}runnable go
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	data, err := os.ReadFile("data/planets.csv")
	if err != nil {
		panic(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\\n")
	fmt.Printf("Go: the first planet is %s\\n", strings.Split(lines[1], ",")[0])
}
${FENCE}

${FENCE}runnable r
planets <- read.csv("data/planets.csv")
cat("R: mean number of moons", mean(planets$moons), "\\n")
${FENCE}

## State carries from block to block

The front matter at the top says \`state: shared\` (the mode switch in the header writes it): a
kernel per language keeps variables, so this block uses \`planets\` from the Python block above.
Running it first runs every block above it that is stale, so it always sees the notebook as if run
from the top. Go blocks are compiled and run on their own each time.

${FENCE}runnable python
print(f"Still in memory: {len(planets)} planets")
${FENCE}

A block marked \`isolated\` runs alone in a fresh process even here; \`state: isolated\` in the
front matter runs every block that way, as scripts.

${FENCE}runnable python isolated
print("A fresh process sees planets:", "planets" in globals())
${FENCE}

## A web app

A \`webapp\` block is an app you can deploy: here a static page.

${FENCE}webapp static
<!doctype html>
<html>
  <body>
    <h1>Hello from a Runnel web app</h1>
  </body>
</html>
${FENCE}

## Plain Markdown still works

| block | what it does |
| --- | --- |
| \`runnable <runtime>\` | runs python, node, bash, go or r |
| \`file <lang> <path>\` | puts a file in the workspace |
| \`webapp <type>\` | deploys an app |

Other fences are only shown, never run:

${FENCE}js
console.log("highlighted, not run");
${FENCE}

- [x] Read the welcome notebook
- [ ] Run every block
- [ ] Write a notebook of your own
`;

/** The welcome notebook's fields, for creating it with a new account. */
export function welcomeNotebook(): { title: string; content: string } {
  return { title: WELCOME_TITLE, content: withBlockIds(WELCOME_CONTENT) };
}
