"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { QueryProvider } from "@/components/query-provider";
import {
  rejectedText,
  rowsDoneText,
  timeLeftText,
  type TImportProgressView,
} from "@/lib/imports/progress-text";

const EVERY_MS = 1_000;

const isRunning = (status: TImportProgressView["status"]) => status === "RECEIVED" || status === "PROCESSING";

const fetchProgress = async (importId: string, signal: AbortSignal): Promise<TImportProgressView> => {
  const response = await fetch(`/staff/imports/${encodeURIComponent(importId)}/progress`, {
    signal,
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`The import's progress answered ${response.status}.`);
  return (await response.json()) as TImportProgressView;
};

function Progress({ importId, initial }: { importId: string; initial: TImportProgressView }) {
  const router = useRouter();
  const t = useTranslations("StaffImportProgress");
  const { data } = useQuery({
    queryKey: ["import-progress", importId],
    queryFn: ({ signal }) => fetchProgress(importId, signal),
    initialData: initial,
    staleTime: 0,
    enabled: isRunning(initial.status),
    // Every second while it runs; once done or failed, no more.
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data.status) ? EVERY_MS : false),
    refetchIntervalInBackground: false,
  });
  const wasRunning = isRunning(initial.status);
  const running = isRunning(data.status);

  // Finished while shown: the page is rendered again from the server once (its rejected rows,
  // its acknowledgement), which then renders this with the final figures and no polling.
  useEffect(() => {
    if (wasRunning && !running) router.refresh();
  }, [wasRunning, running, router]);

  const isDone = data.status === "PROCESSED";
  const timeLeft = data.status === "PROCESSING" ? timeLeftText(data.secondsLeft) : null;
  return (
    <div className="flex flex-col gap-2" data-testid="import-progress" data-status={data.status}>
      <label htmlFor={`import-progress-${importId}`} className="font-medium">
        {data.status === "RECEIVED"
          ? t("waiting")
          : isDone
            ? t("imported")
            : running
              ? t("importing")
              : t("stopped")}
      </label>
      <progress
        id={`import-progress-${importId}`}
        className="h-4 w-full"
        // No value while waiting: an indeterminate bar.
        {...(data.status === "RECEIVED"
          ? {}
          : { value: data.rowsDone, max: Math.max(1, data.totalRows ?? data.rowsDone) })}
      />
      <p className="tabular-nums" data-testid="import-progress-text">
        {rowsDoneText(data.rowsDone, data.totalRows)}, {rejectedText(data.rejected, isDone)}
        {timeLeft ? `, ${timeLeft}` : ""}.
      </p>
      <div role="status" aria-live="polite">
        {isDone ? (
          <p className="font-medium text-green-900">{t("done")}</p>
        ) : data.status === "FAILED" ? (
          <p className="font-medium text-red-800">
            {t("failed")} {data.failureReason ?? ""} {t("sendAgain")}
          </p>
        ) : data.failureReason ? (
          <p>{data.failureReason}</p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * An import's live progress: a progress bar with rows done of the total, rejected so far and the
 * time left, polled (TanStack Query) every second from its JSON route while it runs, and what
 * became of it once done or failed (then no more polling).
 */
export function ImportProgress(props: { importId: string; initial: TImportProgressView }) {
  return (
    <QueryProvider>
      <Progress {...props} />
    </QueryProvider>
  );
}
