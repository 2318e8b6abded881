"use client";

import { apiRequest } from "@/lib/client/api-request";
import { useOpenNewNotebook } from "@/lib/client/use-open-new-notebook";
import { NotebookActionError } from "./notebook-action-error";

const STARTER = `# Untitled notebook

Write Markdown here. Fenced blocks marked \`runnable\` get a Run button.

\`\`\`runnable python
print("Hello from Runnel")
\`\`\`
`;

export function NewNotebookButton() {
  const { error, pending, open } = useOpenNewNotebook();

  // No title: it follows the first heading until the author sets one.
  const create = () =>
    open(async () => (await apiRequest<{ notebook: { id: string } }>("POST", "/api/notebooks", { content: STARTER })).notebook);

  return (
    <div className="flex items-center gap-3">
      <NotebookActionError error={error} testId="new-notebook-error" />
      <button
        type="button"
        onClick={create}
        disabled={pending}
        className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-60"
      >
        {pending ? "Creating…" : "New notebook"}
      </button>
    </div>
  );
}
