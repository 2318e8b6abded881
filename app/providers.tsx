"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/** Client-side context every page shares: TanStack Query's cache for server data. */
export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created on first render (not at module load, which the server shares).
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Pages arrive with their data rendered on the server; refetching on focus would race the editor.
          queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: false },
        },
      }),
  );
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
