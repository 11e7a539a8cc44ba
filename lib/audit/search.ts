import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { addDays, formatInstant, parseIsoDay, startOfDayInZone } from "@/lib/dates";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditRowsOfPractice, escapeLike } from "@/lib/staff/queries";

/**
 * The audit log search (`/staff/audit`, audit.view): a practice's rows (auditRowsOfPractice),
 * filtered by who, action, record id, outcome and a range of days in the practice's zone,
 * newest first, a page at a time by keyset (the last row's time and id), and the same filtered
 * log as a CSV streamed a batch at a time.
 */

export const AUDIT_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const isoDay = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const day = parseIsoDay(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "Enter a date as YYYY-MM-DD." });
      return z.NEVER;
    }
    return day;
  });

/** The filters as the page's form (a GET) and the CSV link send them. */
export const auditFiltersSchema = z
  .object({
    who: optionalText(200),
    action: optionalText(100),
    record: optionalText(100),
    outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
    from: isoDay,
    to: isoDay,
  })
  .refine((f) => !f.from || !f.to || f.from.getTime() <= f.to.getTime(), {
    message: "The first day must not be after the last.",
    path: ["to"],
  });
export type TAuditFilters = Partial<z.infer<typeof auditFiltersSchema>>;

/** The filters of a request's query string; an invalid one is reported, the rest apply. */
export const auditFiltersFrom = (params: Record<string, string | string[] | undefined>) => {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const raw = {
    who: one(params.who),
    action: one(params.action),
    record: one(params.record),
    outcome: one(params.outcome) || undefined,
    from: one(params.from),
    to: one(params.to),
  };
  const parsed = auditFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data as TAuditFilters, errors: {} as Record<string, string> };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  // Drop the fields in error and keep the others.
  const kept = auditFiltersSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors))),
  );
  const filters: TAuditFilters = kept.success ? kept.data : {};
  return { filters, errors };
};

/** The filters back as a query string (for the next page's link and the CSV link). */
export const auditFiltersQuery = (filters: TAuditFilters) => {
  const q = new URLSearchParams();
  if (filters.who) q.set("who", filters.who);
  if (filters.action) q.set("action", filters.action);
  if (filters.record) q.set("record", filters.record);
  if (filters.outcome) q.set("outcome", filters.outcome);
  if (filters.from) q.set("from", filters.from.toISOString().slice(0, 10));
  if (filters.to) q.set("to", filters.to.toISOString().slice(0, 10));
  return q;
};

/** A page's position: the last row shown (its time and id), as an opaque token. */
export const encodeAuditCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");

export const decodeAuditCursor = (token: string | undefined) => {
  if (!token || token.length > 200) return null;
  const [at, id] = Buffer.from(token, "base64url").toString("utf8").split("|");
  const createdAt = at ? new Date(at) : null;
  if (!createdAt || Number.isNaN(createdAt.getTime()) || !id || !/^[\w-]{1,64}$/.test(id)) return null;
  return { createdAt, id };
};

const conditions = (filters: TAuditFilters, timeZone: string) => {
  const and: Prisma.Sql[] = [];
  if (filters.who) {
    // Who: the start of the name or address they were known by, or a user's id.
    and.push(Prisma.sql`(lower(r."actorLabel") LIKE ${`${escapeLike(filters.who.toLowerCase())}%`}
                        OR r."actorUserId" = ${filters.who})`);
  }
  if (filters.action) {
    // An action ("import.balance_file"), or a family of them ending in a dot ("import.").
    and.push(
      filters.action.endsWith(".")
        ? Prisma.sql`r.action LIKE ${`${escapeLike(filters.action)}%`}`
        : Prisma.sql`r.action = ${filters.action}`,
    );
  }
  if (filters.record) and.push(Prisma.sql`r."targetId" = ${filters.record}`);
  if (filters.outcome) and.push(Prisma.sql`r.outcome = ${filters.outcome}`);
  if (filters.from)
    and.push(Prisma.sql`r."createdAt" >= ${startOfDayInZone(filters.from, timeZone)}::timestamptz`);
  if (filters.to)
    and.push(Prisma.sql`r."createdAt" < ${startOfDayInZone(addDays(filters.to, 1), timeZone)}::timestamptz`);
  return and;
};

export type TAuditRow = {
  id: string;
  createdAt: Date;
  actorUserId: string | null;
  actorRole: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
};

const queryRows = async ({
  practiceId,
  timeZone,
  filters,
  after,
  take,
}: {
  practiceId: string;
  timeZone: string;
  filters: TAuditFilters;
  after: { createdAt: Date; id: string } | null;
  take: number;
}) => {
  const db = await getDb();
  const and = [await auditRowsOfPractice(practiceId), ...conditions(filters, timeZone)];
  if (after)
    and.push(Prisma.sql`(r."createdAt", r.id) < (${after.createdAt}::timestamptz, ${after.id}::text)`);
  return db.$queryRaw<TAuditRow[]>`
    SELECT r.id, r."createdAt", r."actorUserId", r."actorRole", r."actorLabel", r.action,
           r."targetType", r."targetId", r.outcome, r.ip, r."userAgent"
      FROM audit_log r
     WHERE ${Prisma.join(and, " AND ")}
     ORDER BY r."createdAt" DESC, r.id DESC
     LIMIT ${take}::int`;
};

/** One page of the practice's filtered log, newest first, and the token of the next (older) page. */
export const searchAuditLog = async ({
  practiceId,
  timeZone,
  filters,
  cursor,
  pageSize = 50,
}: {
  practiceId: string;
  timeZone: string;
  filters: TAuditFilters;
  cursor?: string;
  pageSize?: number;
}) => {
  const rows = await queryRows({
    practiceId,
    timeZone,
    filters,
    after: decodeAuditCursor(cursor),
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > pageSize && last ? encodeAuditCursor(last) : null };
};

/** A CSV field: quoted when it must be; a leading = + - @ is made text for spreadsheets. */
export const csvField = (value: string | null) => {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const CSV_HEADER = [
  "time_utc",
  "time_local",
  "actor",
  "actor_role",
  "actor_user_id",
  "action",
  "outcome",
  "record_type",
  "record_id",
  "ip",
  "user_agent",
];

/** Rows fetched per query while the CSV streams (one batch in memory at a time). */
const CSV_BATCH = 1_000;

/**
 * The practice's filtered log as CSV text, newest first, a batch of rows at a time (keyset, so
 * each batch is one index range however far in): never held whole. No metadata column (it may
 * name what a row is about in ways the columns do not vouch for); the record id finds it.
 */
export async function* auditCsv({
  practiceId,
  timeZone,
  filters,
}: {
  practiceId: string;
  timeZone: string;
  filters: TAuditFilters;
}): AsyncGenerator<string> {
  yield `${CSV_HEADER.join(",")}\r\n`;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await queryRows({ practiceId, timeZone, filters, after, take: CSV_BATCH });
    if (rows.length === 0) return;
    yield rows
      .map(
        (r) =>
          `${[
            r.createdAt.toISOString(),
            formatInstant(r.createdAt, timeZone),
            r.actorLabel,
            r.actorRole,
            r.actorUserId,
            r.action,
            r.outcome,
            r.targetType,
            r.targetId,
            r.ip,
            r.userAgent,
          ]
            .map(csvField)
            .join(",")}\r\n`,
      )
      .join("");
    if (rows.length < CSV_BATCH) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
