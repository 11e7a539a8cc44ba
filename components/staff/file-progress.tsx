"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { QueryProvider } from "@/components/query-provider";
import { rowsDoneText, timeLeftText, type TFileProgressView } from "@/lib/progress/progress";

const EVERY_MS = 1_000;

const isRunning = (status: TFileProgressView["status"]) => status === "WAITING" || status === "GENERATING";

const fetchProgress = async (url: string, signal: AbortSignal): Promise<TFileProgressView> => {
  const response = await fetch(url, { signal, cache: "no-store" });
  if (!response.ok) throw new Error(`The file's progress answered ${response.status}.`);
  return (await response.json()) as TFileProgressView;
};

function Progress({
  id,
  progressUrl,
  initial,
  retryText,
}: {
  id: string;
  progressUrl: string;
  initial: TFileProgressView;
  retryText: string;
}) {
  const router = useRouter();
  const t = useTranslations("StaffFileProgress");
  const { data } = useQuery({
    queryKey: ["file-progress", progressUrl],
    queryFn: ({ signal }) => fetchProgress(progressUrl, signal),
    initialData: initial,
    staleTime: 0,
    enabled: isRunning(initial.status),
    // Every second while it is written; once ready or failed, no more.
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data.status) ? EVERY_MS : false),
    refetchIntervalInBackground: false,
  });
  const wasRunning = isRunning(initial.status);
  const running = isRunning(data.status);

  // Finished while shown: the page is rendered again from the server once (its row's figures).
  useEffect(() => {
    if (wasRunning && !running) router.refresh();
  }, [wasRunning, running, router]);

  const barId = `file-progress-${id}`;
  const timeLeft =
    data.status !== "GENERATING"
      ? null
      : (timeLeftText(data.secondsLeft) ??
        (typeof data.secondsSoFar === "number" ? t("startedAgo", { seconds: data.secondsSoFar }) : null));
  return (
    <div className="flex flex-col gap-1" data-testid="file-progress" data-status={data.status}>
      {running ? (
        <>
          <label htmlFor={barId} className="font-medium">
            {data.status === "WAITING"
              ? t("waiting", { fileName: data.fileName })
              : t("writing", { fileName: data.fileName })}
          </label>
          <progress
            id={barId}
            className="h-3 w-full"
            // No value while waiting: an indeterminate bar.
            {...(data.status === "WAITING"
              ? {}
              : { value: data.rowsDone, max: Math.max(1, data.totalRows ?? data.rowsDone) })}
          />
          <p className="tabular-nums" data-testid="file-progress-text">
            {rowsDoneText(data.rowsDone, data.totalRows)}
            {timeLeft ? `, ${timeLeft}` : ""}.
          </p>
        </>
      ) : null}
      <div role="status" aria-live="polite">
        {data.status === "READY" && data.downloadHref ? (
          <p>
            <span className="font-medium text-green-900">{t("ready")} </span>
            <a href={data.downloadHref} className="text-brand-700 underline underline-offset-2" download>
              {data.fileName}
            </a>
          </p>
        ) : data.status === "FAILED" ? (
          <p className="font-medium text-red-800">
            {t("failed", { fileName: data.fileName })} {data.failureReason ?? retryText}
          </p>
        ) : data.failureReason ? (
          <p>{data.failureReason}</p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A file being written by a job (an exported file, a large CSV): a progress bar with rows
 * written of the total (or so far) and the time left, polled (TanStack Query) every second from
 * its JSON route while it is written, then its download link once ready, or why it failed.
 */
export function FileProgress(props: {
  /** Unique on the page (the bar's id). */
  id: string;
  progressUrl: string;
  initial: TFileProgressView;
  /** Said of a failure that has no reason of its own. */
  retryText: string;
}) {
  return (
    <QueryProvider>
      <Progress {...props} />
    </QueryProvider>
  );
}
