"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useEscapeKey } from "@/lib/client/use-escape-key";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

type Props = {
  label: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  className?: string;
};

/**
 * A modal dialog, the one every dialog of the app uses (WAI-ARIA's dialog pattern, written
 * here): Tab and Shift+Tab cycle inside it, Esc and a click outside close it, and focus goes
 * back to where it was when it closes. Put `autoFocus` on the control that should take focus first.
 */
export function ModalDialog({ label, onClose, children, testId, className = "max-w-lg" }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  useEscapeKey(true, onClose);
  // Read while rendering, before a child's autoFocus moves the focus into the dialog.
  const [opener] = useState(() => (typeof document !== "undefined" && document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    if (!dialog.current?.contains(document.activeElement)) dialog.current?.focus();
    return () => opener?.focus();
  }, [opener]);

  function trapTab(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "Tab" || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.offsetParent !== null);
    if (focusable.length === 0) return event.preventDefault();
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const inside = dialog.current.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="fixed inset-0 z-30 flex items-start justify-center bg-black/40 p-3 sm:p-6" onClick={onClose}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={trapTab}
        onClick={(event) => event.stopPropagation()}
        className={`mt-16 max-h-[85vh] w-full min-w-0 overflow-y-auto rounded-xl bg-white p-4 text-sm shadow-xl outline-none sm:p-6 ${className}`}
      >
        {children}
      </div>
    </div>
  );
}
