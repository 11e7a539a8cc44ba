import "server-only";
import { getDb } from "@/lib/db";

const FALLBACK_ZONE = "America/New_York";

/** The practice's time zone: schedules and dates on staff pages follow it (a deployment serves one practice's calendar). */
export const practiceTimeZone = async () => {
  const db = await getDb();
  const practice = await db.practice.findFirst({ orderBy: { createdAt: "asc" }, select: { timeZone: true } });
  return practice?.timeZone ?? FALLBACK_ZONE;
};
