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
