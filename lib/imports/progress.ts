import "server-only";
import { getDb } from "@/lib/db";
import type { TImportProgress } from "@/lib/imports/import-file";

/** At most one progress write a second, however fast the rows go. */
export const PROGRESS_EVERY_MS = 1_000;

/**
 * The onProgress of an import run as a job: writes the rows settled and rejected so far onto the
 * import record (which is also its sign of life, updatedAt), throttled to one write per
 * `everyMs`. The first report is always written. A record no longer PROCESSING (a run taken for
 * dead and then woken) is left as it is.
 */
export const createProgressRecorder = (
  fileId: string,
  { everyMs = PROGRESS_EVERY_MS, now = () => Date.now() }: { everyMs?: number; now?: () => number } = {},
) => {
  let lastWrittenAt = Number.NEGATIVE_INFINITY;
  return async ({ rowsDone, rejected }: TImportProgress) => {
    const at = now();
    if (at - lastWrittenAt < everyMs) return;
    lastWrittenAt = at;
    const db = await getDb();
    await db.importFile.updateMany({
      where: { id: fileId, status: "PROCESSING" },
      data: { rowsDone, rejectedCount: rejected },
    });
  };
};

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
