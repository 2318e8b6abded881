"use client";

import { useEffect } from "react";

/** Calls `onEscape` when Esc is pressed anywhere while `active` (an open dialog closes). */
export function useEscapeKey(active: boolean, onEscape: () => void): void {
  useEffect(() => {
    if (!active) return;
    const listener = (event: KeyboardEvent) => {
      if (event.key === "Escape") onEscape();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [active, onEscape]);
}
