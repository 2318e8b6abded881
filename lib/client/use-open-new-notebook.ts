"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf } from "./api-request";

/**
 * The dashboard's ways to make a notebook (New, Import) share one flow: make it, then open it;
 * on failure stay here and show the API's sentence.
 */
export function useOpenNewNotebook() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function open(make: () => Promise<{ id: string }>) {
    setPending(true);
    setError(null);
    try {
      const notebook = await make();
      router.push(`/notebooks/${notebook.id}`);
    } catch (failure) {
      setError(messageOf(failure));
      setPending(false);
    }
  }

  return { error, pending, open };
}
