"use client";

import { useState, type FormEvent } from "react";
import { answerInput } from "@/lib/client/run-actions";

type Props = { index: number; runKey: string; executionId: string; request: { prompt: string; password: boolean } };

/** The block asked for a line (input(), readline()): a field whose answer goes to the kernel. */
export function InputPrompt({ index, runKey, executionId, request }: Props) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    const failure = await answerInput(runKey, executionId, value);
    setSending(false);
    setError(failure ?? null);
    if (!failure) setValue("");
  }

  return (
    <form onSubmit={(event) => void submit(event)} data-testid={`input-prompt-${index}`} className="flex flex-wrap items-center gap-2 border-t border-stone-800 px-3 py-2">
      <label className="flex min-w-0 flex-1 items-center gap-2">
        <span className="whitespace-pre-wrap text-stone-300">{request.prompt || "Input:"}</span>
        <input
          autoFocus
          type={request.password ? "password" : "text"}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          data-testid={`input-field-${index}`}
          className="min-w-0 flex-1 rounded border border-stone-600 bg-stone-900 px-2 py-0.5 text-stone-100"
        />
      </label>
      <button type="submit" disabled={sending} className="rounded-md border border-stone-600 px-3 py-0.5 hover:bg-stone-800 disabled:opacity-60">
        Send
      </button>
      {error && (
        <span role="alert" className="w-full text-red-300">
          {error}
        </span>
      )}
    </form>
  );
}
