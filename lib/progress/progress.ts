/**
 * What every long piece of work that shows its progress shares (an import, an exported file, a
 * large CSV): the time left at the pace so far, and the words of its progress bar. Pure: the
 * server's progress routes, the client components and their tests use it.
 */

/**
 * Seconds the rest should take at the pace so far (rows done since it started); null when there
 * is no pace yet or the total is unknown. Never below 0.
 */
export const secondsLeft = ({
  rowsDone,
  totalRows,
  startedAt,
  now,
}: {
  rowsDone: number;
  totalRows: number | null;
  startedAt: Date | null;
  now: Date;
}): number | null => {
  if (totalRows === null || startedAt === null || rowsDone <= 0) return null;
  const elapsedMs = now.getTime() - startedAt.getTime();
  if (elapsedMs <= 0) return null;
  const left = Math.max(0, totalRows - rowsDone);
  return Math.ceil((left * elapsedMs) / rowsDone / 1000);
};

export const countText = (n: number) => n.toLocaleString("en-US");

/** "about 5 seconds left", "about 2 minutes left", "less than a second left"; null when unknown. */
export const timeLeftText = (secondsLeft: number | null) => {
  if (secondsLeft === null) return null;
  if (secondsLeft < 1) return "less than a second left";
  if (secondsLeft < 90) return `about ${secondsLeft} second${secondsLeft === 1 ? "" : "s"} left`;
  const minutes = Math.round(secondsLeft / 60);
  if (minutes < 90) return `about ${minutes} minutes left`;
  return `about ${Math.round(minutes / 60)} hours left`;
};

/** "12,000 of 20,000 rows done" (a total not known: "12,000 rows done"). */
export const rowsDoneText = (rowsDone: number, totalRows: number | null) =>
  totalRows === null
    ? `${countText(rowsDone)} rows done`
    : `${countText(rowsDone)} of ${countText(totalRows)} rows done`;

/**
 * How far the writing of a file has got (an exported file, a large CSV), as its progress bar
 * polls it (JSON-ready). WAITING: its job has not started it yet.
 */
export type TFileProgressView = {
  status: "WAITING" | "GENERATING" | "READY" | "FAILED";
  fileName: string;
  rowsDone: number;
  /** The rows it will hold, when counted; null while unknown. */
  totalRows: number | null;
  /** At the pace so far; null while unknown. */
  secondsLeft: number | null;
  failureReason: string | null;
  /** Where to download it, once READY. */
  downloadHref: string | null;
  /** Seconds since it started, shown when no time left is known (a posting file); absent or null: not shown. */
  secondsSoFar?: number | null;
};

/** A file record's progress, as its bar shows it (statuses GENERATING, READY, FAILED as stored). */
export const fileProgressView = ({
  file,
  downloadHref,
  now,
}: {
  file: {
    status: "GENERATING" | "READY" | "FAILED";
    fileName: string;
    rowsDone: number;
    totalRows: number | null;
    startedAt: Date | null;
    failureReason: string | null;
  };
  downloadHref: string;
  now: Date;
}): TFileProgressView => {
  const isWaiting = file.status === "GENERATING" && file.startedAt === null;
  return {
    status: isWaiting ? "WAITING" : file.status,
    fileName: file.fileName,
    rowsDone: file.rowsDone,
    totalRows: file.totalRows,
    secondsLeft:
      file.status === "GENERATING"
        ? secondsLeft({ rowsDone: file.rowsDone, totalRows: file.totalRows, startedAt: file.startedAt, now })
        : null,
    failureReason: file.status === "READY" ? null : file.failureReason,
    downloadHref: file.status === "READY" ? downloadHref : null,
  };
};
