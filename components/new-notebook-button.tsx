"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";

const STARTER = `# Untitled notebook

Write Markdown here. Fenced blocks marked \`runnable\` get a Run button.

\`\`\`runnable python
print("Hello from Runnel")
\`\`\`
`;

export function NewNotebookButton() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create() {
    setPending(true);
    setError(null);
    try {
      // No title: it follows the first heading until the author sets one.
      const { notebook } = await apiRequest<{ notebook: { id: string } }>("POST", "/api/notebooks", { content: STARTER });
      router.push(`/notebooks/${notebook.id}`);
    } catch (failure) {
      setError(messageOf(failure));
      setPending(false);
    }
  }

  return (
    <div className="flex items-center gap-3">
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={create}
        disabled={pending}
        className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-60"
      >
        New notebook
      </button>
    </div>
  );
}
