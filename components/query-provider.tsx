"use client";

import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

/**
 * TanStack Query for the server state the browser keeps (ARCHITECTURE.md, "Reads"). One client
 * per page load, made on first render and kept across re-renders and navigations under the
 * layout that holds it.
 */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // The server rendered the page moments ago: a mount or a refocus need not ask again at once.
            staleTime: 30_000,
            // One quiet retry; a query that polls retries by polling.
            retry: 1,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
