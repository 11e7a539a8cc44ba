import "server-only";
import { ACCOUNT_NAME_SELECT } from "@/lib/account-name";
import { getDb } from "@/lib/db";
import { parseIsoDay } from "@/lib/dates";
import { notFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** US style "01/31/1980" or ISO "1980-01-31" → a calendar day. */
const parseDobQuery = (q: string) => {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(q);
  if (us) return parseIsoDay(`${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`);
  return parseIsoDay(q);
};

/** Text for a LIKE pattern that matches itself only (backslash is PostgreSQL's LIKE escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/**
 * Staff search by account number, statement number, guarantor or patient name, or DOB, among
 * the accounts of the staff member's practice. Returns at most 50 accounts.
 */
export const searchAccounts = async ({ practiceId, query }: { practiceId: string; query: string }) => {
  const typed = query.trim().slice(0, 100);
  if (typed.length < 2) return [];
  const db = await getDb();
  const dob = parseDobQuery(typed);
  // Prisma matches `startsWith` and case-insensitive `equals` with (I)LIKE and passes the text
  // as it is: "%" and "_" would be wildcards ("%%" listed every account). Escaped, they are
  // characters like any other.
  const q = escapeLike(typed);
  const terms = typed
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(escapeLike);
  const nameMatch = (first: string, last: string): Prisma.AccountWhereInput =>
    terms.length >= 2
      ? {
          OR: [
            {
              AND: [
                { [first]: { startsWith: terms[0], mode: "insensitive" } },
                { [last]: { startsWith: terms[1], mode: "insensitive" } },
              ],
            },
            {
              AND: [
                { [last]: { startsWith: terms[0], mode: "insensitive" } },
                { [first]: { startsWith: terms[1], mode: "insensitive" } },
              ],
            },
          ],
        }
      : {
          OR: [
            { [first]: { startsWith: q, mode: "insensitive" } },
            { [last]: { startsWith: q, mode: "insensitive" } },
          ],
        };
  const or: Prisma.AccountWhereInput[] = [
    { accountNumber: { equals: q, mode: "insensitive" } },
    { statements: { some: { statementNumber: { equals: q, mode: "insensitive" } } } },
    nameMatch("guarantorFirstName", "guarantorLastName"),
    {
      statements: {
        some: (terms.length >= 2
          ? {
              OR: [
                {
                  patientFirstName: { startsWith: terms[0], mode: "insensitive" },
                  patientLastName: { startsWith: terms[1], mode: "insensitive" },
                },
                {
                  patientLastName: { startsWith: terms[0], mode: "insensitive" },
                  patientFirstName: { startsWith: terms[1], mode: "insensitive" },
                },
              ],
            }
          : {
              OR: [
                { patientFirstName: { startsWith: q, mode: "insensitive" } },
                { patientLastName: { startsWith: q, mode: "insensitive" } },
              ],
            }) as Prisma.StatementWhereInput,
      },
    },
  ];
  if (dob) or.push({ guarantorDob: dob }, { statements: { some: { patientDob: dob } } });
  const accounts = await db.account.findMany({
    where: { practiceId, OR: or },
    orderBy: [{ guarantorLastName: "asc" }, { accountNumber: "asc" }],
    take: 50,
    select: {
      ...ACCOUNT_NAME_SELECT,
      guarantorDob: true,
      statements: { where: { status: { not: "VOIDED" } }, select: { balanceCents: true } },
    },
  });
  return accounts.map(({ statements, ...a }) => ({
    ...a,
    balanceCents: statements.reduce((s, x) => s + x.balanceCents, 0),
  }));
};

/** An account of the staff member's practice; another practice's, like a missing one, is NOT_FOUND. */
export const getAccountForStaffOrThrow = async ({
  practiceId,
  accountId,
}: {
  practiceId: string;
  accountId: string;
}) => {
  const db = await getDb();
  const account = await db.account.findFirst({
    where: { id: accountId, practiceId },
    select: {
      ...ACCOUNT_NAME_SELECT,
      practice: { select: { name: true, timeZone: true } },
      guarantorDob: true,
      email: true,
      phone: true,
      address1: true,
      city: true,
      state: true,
      zip: true,
      statements: {
        orderBy: { statementDate: "desc" },
        select: {
          id: true,
          statementNumber: true,
          statementDate: true,
          dueDate: true,
          status: true,
          amountDueCents: true,
          balanceCents: true,
          currency: true,
          patientFirstName: true,
          patientLastName: true,
        },
      },
      links: { select: { user: { select: { email: true } } } },
    },
  });
  if (!account) throw notFoundError("account");
  return account;
};

/**
 * Whose people a practice's log and outbox speak of: its staff (a staff login naming no practice
 * works for the first practice, as in lib/practice.ts), the patients linked to its accounts and
 * the family members and authorized payers who accepted access to one (lib/access).
 */
const practicePeople = (practiceId: string, isFirst: boolean) => Prisma.sql`
  SELECT u.id, lower(u.email) AS email FROM "user" u
   WHERE u.role <> 'PATIENT' AND (u."practiceId" = ${practiceId} OR (${isFirst} AND u."practiceId" IS NULL))
  UNION
  SELECT u.id, lower(u.email) FROM "user" u
    JOIN account_link l ON l."userId" = u.id
    JOIN account a ON a.id = l."accountId" AND a."practiceId" = ${practiceId}
   WHERE u.role = 'PATIENT'
  UNION
  SELECT u.id, lower(u.email) FROM "user" u
    JOIN account_access x ON x."payerUserId" = u.id
    JOIN account a ON a.id = x."accountId" AND a."practiceId" = ${practiceId}
   WHERE u.role = 'PATIENT'`;

/** Is this the first practice (the one a staff login naming none works for)? */
const isFirstPractice = async (practiceId: string) => {
  const db = await getDb();
  const first = await db.practice.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  return first?.id === practiceId;
};

/**
 * The condition (on `audit_log r`) that a row is the practice's: what its people did
 * (practicePeople), and what was done to one of its records. The log search (lib/audit/search.ts)
 * and listAuditLog share it.
 */
export const auditRowsOfPractice = async (practiceId: string) => {
  const people = practicePeople(practiceId, await isFirstPractice(practiceId));
  return Prisma.sql`(
        r."actorUserId" IN (SELECT id FROM (${people}) p)
      OR (r."targetType" = 'User' AND r."targetId" IN (SELECT id FROM (${people}) p))
      OR (r."targetType" = 'Account'
          AND EXISTS (SELECT 1 FROM account a WHERE a.id = r."targetId" AND a."practiceId" = ${practiceId}))
      OR (r."targetType" = 'Statement'
          AND EXISTS (SELECT 1 FROM statement s JOIN account a ON a.id = s."accountId"
                       WHERE s.id = r."targetId" AND a."practiceId" = ${practiceId}))
      OR (r."targetType" = 'Payment'
          AND EXISTS (SELECT 1 FROM payment x WHERE x.id = r."targetId" AND x."practiceId" = ${practiceId}))
      OR (r."targetType" = 'PaymentPlan'
          AND EXISTS (SELECT 1 FROM payment_plan x JOIN account a ON a.id = x."accountId"
                       WHERE x.id = r."targetId" AND a."practiceId" = ${practiceId}))
      OR (r."targetType" = 'AutopayEnrollment'
          AND EXISTS (SELECT 1 FROM autopay_enrollment x JOIN account a ON a.id = x."accountId"
                       WHERE x.id = r."targetId" AND a."practiceId" = ${practiceId}))
      OR (r."targetType" = 'ImportFile'
          AND EXISTS (SELECT 1 FROM import_file x WHERE x.id = r."targetId" AND x."practiceId" = ${practiceId}))
      OR (r."targetType" = 'SignupFile'
          AND EXISTS (SELECT 1 FROM signup_file x WHERE x.id = r."targetId" AND x."practiceId" = ${practiceId}))
      OR (r."targetType" = 'ApiKey'
          AND EXISTS (SELECT 1 FROM api_key x WHERE x.id = r."targetId" AND x."practiceId" = ${practiceId}))
      OR (r."targetType" = 'AccountAccess'
          AND EXISTS (SELECT 1 FROM account_access x JOIN account a ON a.id = x."accountId"
                       WHERE x.id = r."targetId" AND a."practiceId" = ${practiceId})))`;
};

/**
 * The audit rows of a practice, newest first: what its people did (practicePeople), and what
 * was done to one of its records (an account, statement, payment, plan, autopay enrolment,
 * import or sign-up file, API key, an account's access, or one of its people's logins). A row tied to no practice
 * (a sign-in attempt for an unknown address, a sign-up not linked to an account yet) is in no
 * practice's log; another practice's rows are never in it.
 */
export const listAuditLog = async ({
  practiceId,
  page = 1,
  pageSize = 50,
}: {
  practiceId: string;
  page?: number;
  pageSize?: number;
}) => {
  const db = await getDb();
  const ofPractice = Prisma.sql`FROM audit_log r WHERE ${await auditRowsOfPractice(practiceId)}`;
  const [ids, [counted]] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`
      SELECT r.id ${ofPractice}
       ORDER BY r."createdAt" DESC, r.id DESC
       LIMIT ${pageSize}::int OFFSET ${(page - 1) * pageSize}::int`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${ofPractice}`,
  ]);
  const rows = await db.auditLog.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return { rows, total: counted?.total ?? 0, page, pageSize };
};

/** `FROM outbox_email m WHERE …`: the practice's emails (listOutbox). */
const outboxOfPractice = async (practiceId: string) => {
  const people = practicePeople(practiceId, await isFirstPractice(practiceId));
  return Prisma.sql`
    FROM outbox_email m
   WHERE (lower(m."to") IN (SELECT email FROM (${people}) p)
      OR lower(m."to") IN (SELECT lower(a.email) FROM account a
                            WHERE a."practiceId" = ${practiceId} AND a.email IS NOT NULL)
      OR lower(m."to") IN (SELECT x."inviteeEmail" FROM account_access x
                             JOIN account a ON a.id = x."accountId" AND a."practiceId" = ${practiceId}))`;
};

/**
 * The HTML part of one of the practice's emails in the outbox (listOutbox's scope), or
 * NOT_FOUND: another practice's email, one sent by SMTP (its body is not kept) or none.
 */
export const getOutboxHtmlOrThrow = async ({
  practiceId,
  emailId,
}: {
  practiceId: string;
  emailId: string;
}) => {
  const db = await getDb();
  const ofPractice = await outboxOfPractice(practiceId);
  const [row] = await db.$queryRaw<{ html: string | null }[]>`
    SELECT m.html ${ofPractice} AND m.id = ${emailId}`;
  if (!row?.html) throw notFoundError("email");
  return row.html;
};

/**
 * A practice's emails, newest first: those to its people (practicePeople), to the address of
 * one of its accounts, or to someone invited to one of its accounts (lib/access). Mail to an address no practice knows (a sign-up not linked yet) is in no
 * practice's outbox.
 */
export const listOutbox = async ({
  practiceId,
  page = 1,
  pageSize = 25,
}: {
  practiceId: string;
  page?: number;
  pageSize?: number;
}) => {
  const db = await getDb();
  const ofPractice = await outboxOfPractice(practiceId);
  const [ids, [counted]] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`
      SELECT m.id ${ofPractice}
       ORDER BY m."createdAt" DESC, m.id DESC
       LIMIT ${pageSize}::int OFFSET ${(page - 1) * pageSize}::int`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${ofPractice}`,
  ]);
  const rows = await db.outboxEmail.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return { rows, total: counted?.total ?? 0, page, pageSize };
};
