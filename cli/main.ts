import { Command, CommanderError, Option } from "commander";
import { apiClient } from "./api-client";
import { CliError } from "./cli-error";
import { importNotebook } from "./commands/import-command";
import { pullNotebook } from "./commands/pull-command";
import { pushNotebook } from "./commands/push-command";
import { runCommand } from "./commands/run-command";

type ServerFlags = { server?: string; token?: string };

const serverOptions = (command: Command) =>
  command
    .addOption(new Option("--server <url>", "the Runnel server").env("RUNNEL_URL"))
    .addOption(new Option("--token <token>", "an API token").env("RUNNEL_TOKEN"));

/** The CLI's entry: parses argv, runs one command, and returns the process's exit status. */
export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command("runnel")
    .description("Run Runnel notebooks from a terminal or CI, and move them in and out as files.")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  serverOptions(program.command("run"))
    .description("run every runnable block of each notebook, in order, in one sandbox; nothing is saved unless --save")
    .argument("<paths...>", "notebook files (.md) or folders holding them")
    .option("--junit <file>", "write a JUnit XML report (one test case per block)")
    .option("--json <file>", "write a JSON report")
    .option("--bail", "stop after the first notebook that fails")
    .option("--update", "rewrite exact expected outputs with what the blocks printed")
    .option("--save", "store each notebook on the server first (created, or updated by its runnel-id)")
    .action(async (paths: string[], flags: ServerFlags & { junit?: string; json?: string; bail?: boolean; update?: boolean; save?: boolean }) => {
      status = await runCommand(paths, { ...flags, colour: useColour() });
    });

  serverOptions(program.command("pull"))
    .description("write a notebook from the server to a .md file")
    .argument("<notebook>", "a notebook id or its URL")
    .option("-o, --out <file>", "the file to write (default: the title, as file-name.md)")
    .action(async (reference: string, flags: ServerFlags & { out?: string }) => {
      const file = await pullNotebook(apiClient(flags), reference, flags.out);
      process.stdout.write(`Wrote ${file}.\n`);
    });

  serverOptions(program.command("push"))
    .description("create the file's notebook on the server, or update the one its front matter names")
    .argument("<file>", "a notebook file (.md)")
    .action(async (file: string, flags: ServerFlags) => {
      const pushed = await pushNotebook(apiClient(flags), file);
      process.stdout.write(`${pushed.created ? "Created" : "Updated"} notebook ${pushed.id} (version ${pushed.version}).\n`);
    });

  serverOptions(program.command("import"))
    .description("create a notebook on the server from a Jupyter notebook (.ipynb, nbformat 4)")
    .argument("<file>", "a .ipynb file")
    .option("--title <title>", "the new notebook's title (default: its first heading)")
    .option("--no-outputs", "do not turn the cells' text outputs into expected outputs")
    .action(async (file: string, flags: ServerFlags & { title?: string; outputs: boolean }) => {
      const { notebook, notes } = await importNotebook(apiClient(flags), file, flags);
      process.stdout.write(`Created notebook ${notebook.id} ("${notebook.title}").\n`);
      for (const note of notes) process.stdout.write(`  ${note}\n`);
    });

  try {
    await program.parseAsync(argv);
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      process.stderr.write(`runnel: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof Error && "code" in error && typeof error.code === "string" && "path" in error) {
      process.stderr.write(`runnel: could not use ${String(error.path)} (${error.code}).\n`);
      return 2;
    }
    throw error;
  }
}

function useColour(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
}
