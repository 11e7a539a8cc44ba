"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

const EVERY_MS = 3_000;
/** After this long the page stops asking; the payment is then for reconciliation to settle. */
const GIVE_UP_AFTER_MS = 5 * 60_000;

type TStatusAnswer = { status: string };

const fetchStatus = async (paymentId: string, signal: AbortSignal): Promise<TStatusAnswer> => {
  const response = await fetch(`/receipts/${encodeURIComponent(paymentId)}/status`, {
    signal,
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`The payment's status answered ${response.status}.`);
  const body = (await response.json()) as Partial<TStatusAnswer>;
  if (typeof body.status !== "string") throw new Error("The payment's status answer has no status.");
  return { status: body.status };
};

/**
 * While a payment is processing, asks its status route every 3 seconds (a few bytes of JSON,
 * not the whole page); once the status is final it re-renders the page from the server once
 * (router.refresh keeps scroll and focus) and stops, because the server then renders this with
 * isPending false. After 5 minutes it gives up and says so.
 */
export function PendingRefresh({ paymentId, isPending }: { paymentId: string; isPending: boolean }) {
  const t = useTranslations("Receipt");
  const router = useRouter();
  const [startedAt] = useState(() => Date.now());
  const isWithinPatience = (answeredAt: number) => answeredAt - startedAt < GIVE_UP_AFTER_MS;
  const { data, dataUpdatedAt, errorUpdatedAt } = useQuery({
    queryKey: ["payment-status", paymentId],
    queryFn: ({ signal }) => fetchStatus(paymentId, signal),
    enabled: isPending,
    // The page has just shown PENDING: the first question is due in 3 seconds, not at once.
    initialData: { status: "PENDING" },
    staleTime: EVERY_MS,
    retry: false,
    refetchInterval: (query) =>
      query.state.data?.status === "PENDING" &&
      isWithinPatience(Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt))
        ? EVERY_MS
        : false,
  });
  const isFinal = data.status !== "PENDING";

  useEffect(() => {
    if (isPending && isFinal) router.refresh();
  }, [isPending, isFinal, router]);

  if (!isPending) return null;
  return (
    <p className="text-sm text-slate-700 print:hidden">
      {isWithinPatience(Math.max(dataUpdatedAt, errorUpdatedAt)) ? t("checking") : t("tooLong")}
    </p>
  );
}
