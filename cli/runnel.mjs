#!/usr/bin/env node
// The `runnel` command: loads the TypeScript CLI through tsx, so a checkout needs no build step.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("./main.ts", import.meta.url);
process.exitCode = await main(process.argv);
