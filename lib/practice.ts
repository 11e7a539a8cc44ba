import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/dates";
import { getDb } from "@/lib/db";

/**
 * Which practice. A deployment may hold several, and each staff login names its own, so every
 * lookup starts from a practice's id or a staff member's; the first practice stands in only
 * where none is named.
 */

/** The first practice: a staff login that names none works for it. */
const FIRST = { orderBy: { createdAt: "asc" }, select: { id: true, timeZone: true } } as const;

/**
 * The practice a staff member works for (the first practice when their login names none), with
 * its time zone: the dates on its staff pages follow it.
 */
export const staffPractice = async (userId: string): Promise<{ id: string; timeZone: string }> => {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { practice: { select: { id: true, timeZone: true } } },
  });
  return user.practice ?? db.practice.findFirstOrThrow(FIRST);
};

/** The id of the practice a staff member works for (staffPractice). */
export const staffPracticeId = async (userId: string) => (await staffPractice(userId)).id;

/**
 * The zone of the recurring jobs' schedules (lib/jobs): one schedule runs every practice's work,
 * on the first practice's clock; New York before there is a practice.
 */
export const scheduleTimeZone = async () => {
  const db = await getDb();
  const practice = await db.practice.findFirst(FIRST);
  return practice?.timeZone ?? DEFAULT_TIME_ZONE;
};
