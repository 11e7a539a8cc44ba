"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

const EVERY_MS = 3_000;
/** After this long the page stops asking; the payment is then for reconciliation to settle. */
const GIVE_UP_AFTER_MS = 5 * 60_000;

/**
 * While a payment is processing, re-renders the page from the server every 3 seconds
 * (router.refresh keeps scroll and focus). It stops as soon as the status is no longer
 * PENDING, because the server then renders this with isPending false.
 */
export function PendingRefresh({ isPending }: { isPending: boolean }) {
  const router = useRouter();
  const [hasGivenUp, setHasGivenUp] = useState(false);

  useEffect(() => {
    if (!isPending) return;
    const startedAt = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - startedAt > GIVE_UP_AFTER_MS) {
        clearInterval(timer);
        setHasGivenUp(true);
        return;
      }
      router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [isPending, router]);

  if (!isPending) return null;
  return (
    <p className="text-sm text-slate-700 print:hidden">
      {hasGivenUp
        ? "This is taking longer than usual. Reload this page later to see the outcome; please don't pay again."
        : "This page checks for an update every few seconds."}
    </p>
  );
}
