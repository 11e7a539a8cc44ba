import "server-only";
import { addDays, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { deliverUndeliveredFiles } from "@/lib/exports/outbox";
import { produceSignupFile, type TProduceSignupFileResult } from "@/lib/exports/signup-file";

/** Unfinished files and undelivered ones are looked after for this many days, then left alone. */
const LOOK_BACK_DAYS = 7;

/**
 * The daily sign-up files (job `exports.signup-files`, hourly): for every practice, the file
 * of the day that just ended in the practice's zone, in the practice's mode. The first run after
 * midnight writes it; the later runs find it written and only make up what a missed or failed
 * run left: an unfinished file of the last days is finished, and with EXPORT_OUTBOX_DIR set, a
 * file not yet in the outbox is put there. Safe on several workers (see produceSignupFile).
 */
export const runSignupFiles = async ({ now }: { now: Date }) => {
  const db = await getDb();
  const practices = await db.practice.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, timeZone: true, signupFileMode: true },
  });
  const outcomes: Record<TProduceSignupFileResult["outcome"], number> = {
    produced: 0,
    existing: 0,
    "in-progress": 0,
    covered: 0,
  };
  const since = addDays(now, -LOOK_BACK_DAYS);
  const errors: unknown[] = [];
  for (const practice of practices) {
    const yesterday = addDays(todayInZone(practice.timeZone, now), -1);
    const unfinished = await db.signupFile.findMany({
      where: {
        practiceId: practice.id,
        status: { in: ["GENERATING", "FAILED"] },
        createdAt: { gte: since },
      },
      orderBy: { businessDay: "asc" },
      select: { mode: true, businessDay: true },
    });
    // Finished unless another worker is writing it (then left to that worker), then yesterday's.
    for (const { mode, businessDay } of [
      ...unfinished,
      { mode: practice.signupFileMode, businessDay: yesterday },
    ]) {
      try {
        const result = await produceSignupFile({
          practiceId: practice.id,
          mode,
          businessDay,
          producer: { kind: "job" },
        });
        outcomes[result.outcome] += 1;
      } catch (error) {
        errors.push(error);
      }
    }
  }
  const delivery = await deliverUndeliveredFiles({ kind: "signup", since });
  errors.push(...delivery.errors);
  // One practice's failure does not hold up the others; the job still fails, so it is retried.
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} sign-up file task(s) failed`);
  return { ...outcomes, delivered: delivery.delivered };
};
