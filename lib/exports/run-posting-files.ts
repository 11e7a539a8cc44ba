import "server-only";
import { addDays } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { deliverUndeliveredFiles } from "@/lib/exports/outbox";
import {
  lastClosedBusinessDay,
  producePostingFile,
  type TProducePostingFileResult,
} from "@/lib/exports/posting-file";
import type { TPostingFormat } from "@/lib/exports/posting-rows";

/** Missed days, unfinished files and undelivered ones are looked after this many days back, then left alone. */
const LOOK_BACK_DAYS = 7;

/**
 * The end-of-day posting files (job `exports.posting-files`, hourly): for every practice and
 * every format it chose, the file of each business day that has closed since its latest file
 * (so days missed while no worker ran are made up, 7 at most), and a file of the last 7 days
 * that failed or whose worker died is finished. With EXPORT_OUTBOX_DIR set, a file not yet in
 * the outbox is put there. Safe on several workers (see producePostingFile).
 */
export const runPostingFiles = async ({ now }: { now: Date }) => {
  const db = await getDb();
  const practices = await db.postingSettings.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      practiceId: true,
      formats: true,
      cutoffMinutes: true,
      practice: { select: { timeZone: true } },
    },
  });
  const outcomes: Record<TProducePostingFileResult["outcome"], number> = {
    produced: 0,
    existing: 0,
    "in-progress": 0,
  };
  const since = addDays(now, -LOOK_BACK_DAYS);
  const errors: unknown[] = [];
  for (const { practiceId, formats, cutoffMinutes, practice } of practices) {
    const closed = lastClosedBusinessDay({ now, cutoffMinutes, timeZone: practice.timeZone });
    const due: { format: TPostingFormat; businessDay: Date }[] = await db.postingFile.findMany({
      // Only the formats the practice still wants: an unticked format's failed file is left be.
      where: {
        practiceId,
        format: { in: formats },
        status: { in: ["GENERATING", "FAILED"] },
        createdAt: { gte: since },
      },
      orderBy: { businessDay: "asc" },
      select: { format: true, businessDay: true },
    });
    for (const format of formats) {
      const latest = await db.postingFile.findFirst({
        where: { practiceId, format },
        orderBy: { businessDay: "desc" },
        select: { businessDay: true },
      });
      // From the day after the latest file (a first file: the last closed day only), 7 days back at most.
      const first = latest ? addDays(latest.businessDay, 1) : closed;
      const from =
        first < addDays(closed, -(LOOK_BACK_DAYS - 1)) ? addDays(closed, -(LOOK_BACK_DAYS - 1)) : first;
      for (let day = from; day <= closed; day = addDays(day, 1)) due.push({ format, businessDay: day });
    }
    for (const { format, businessDay } of due) {
      try {
        const result = await producePostingFile({
          practiceId,
          format,
          businessDay,
          producer: { kind: "job" },
        });
        outcomes[result.outcome] += 1;
      } catch (error) {
        errors.push(error);
      }
    }
  }
  const delivery = await deliverUndeliveredFiles({ kind: "posting", since });
  errors.push(...delivery.errors);
  // One practice's failure does not hold up the others; the job still fails, so it is retried.
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} posting file task(s) failed`);
  return { ...outcomes, delivered: delivery.delivered };
};
