import type { SaveStatus } from "@/lib/client/autosave";

const LABELS: Record<SaveStatus, { text: string; className: string }> = {
  saved: { text: "Saved", className: "text-stone-500" },
  unsaved: { text: "Unsaved changes", className: "text-amber-700" },
  saving: { text: "Saving…", className: "text-stone-500" },
  conflict: { text: "Not saved: changed elsewhere", className: "text-red-700" },
  error: { text: "Not saved", className: "text-red-700" },
};

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { text, className } = LABELS[status];
  return (
    <span data-testid="save-status" data-status={status} aria-live="polite" className={`text-sm ${className}`}>
      {text}
    </span>
  );
}
