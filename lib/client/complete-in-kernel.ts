import type { KernelRuntime } from "@/lib/notebook/run-mode";
import { useRunStore } from "./run-store";

export type KernelCompletion = { from: number; to: number; matches: { text: string; type?: string }[] };

const MAX_MATCHES = 200;
const MAX_TEXT = 200;

/**
 * Completions at `cursor` in `code` from the page's live session's kernel of that language, or
 * null when there is no live session, the request fails, or the kernel gave none (not running:
 * none is started for it; busy running a block). The reply is the kernel's, so it is checked
 * again here and only ever shown as text.
 */
export async function completeInKernel(runtime: KernelRuntime, code: string, cursor: number, signal?: AbortSignal): Promise<KernelCompletion | null> {
  const session = useRunStore.getState().session;
  if (session.status !== "ready" || !session.id) return null;
  let body: unknown;
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(session.id)}/complete`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ runtime, code, cursor }),
      signal,
    });
    if (!response.ok) return null;
    body = await response.json();
  } catch {
    return null;
  }
  return checkedCompletion(body, code.length, cursor);
}

export function checkedCompletion(body: unknown, codeLength: number, cursor: number): KernelCompletion | null {
  if (!body || typeof body !== "object") return null;
  const { from, to, matches } = body as { from?: unknown; to?: unknown; matches?: unknown };
  if (!Number.isInteger(from) || !Number.isInteger(to) || !Array.isArray(matches)) return null;
  const start = from as number;
  const end = to as number;
  if (start < 0 || start > cursor || end < start || end > codeLength) return null;
  const kept = matches
    .filter((match): match is { text: string; type?: unknown } => !!match && typeof match === "object" && typeof match.text === "string")
    .filter((match) => match.text.length > 0 && match.text.length <= MAX_TEXT)
    .slice(0, MAX_MATCHES)
    .map((match) => (typeof match.type === "string" ? { text: match.text, type: match.type } : { text: match.text }));
  return kept.length > 0 ? { from: start, to: end, matches: kept } : null;
}
