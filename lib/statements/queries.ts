import "server-only";
import { accountSqlFragment, accountsWhere } from "@/lib/access/rule";
import { ACCOUNT_NAME_SELECT } from "@/lib/account-name";
import { dayFromSql } from "@/lib/dates";
import { getDb, readRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StatementStatus } from "@/lib/generated/prisma/enums";

const statementSummarySelect = {
  id: true,
  statementNumber: true,
  statementDate: true,
  dueDate: true,
  status: true,
  currency: true,
  amountDueCents: true,
  balanceCents: true,
  patientFirstName: true,
  patientLastName: true,
  account: { select: { id: true, accountNumber: true } },
} satisfies Prisma.StatementSelect;

const statementDetailSelect = {
  ...statementSummarySelect,
  totalChargesCents: true,
  insurancePaidCents: true,
  adjustmentsCents: true,
  providerName: true,
  account: {
    select: { ...ACCOUNT_NAME_SELECT, practice: { select: { name: true, phone: true, timeZone: true } } },
  },
  lines: {
    orderBy: { lineNumber: "asc" },
    select: {
      id: true,
      lineNumber: true,
      serviceDate: true,
      description: true,
      procedureCode: true,
      chargeCents: true,
      insurancePaidCents: true,
      adjustmentCents: true,
      patientRespCents: true,
    },
  },
} satisfies Prisma.StatementSelect;

export type TStatementSummary = Prisma.StatementGetPayload<{ select: typeof statementSummarySelect }>;
export type TStatementDetail = Prisma.StatementGetPayload<{ select: typeof statementDetailSelect }>;

export const OPEN_STATUSES: StatementStatus[] = ["OPEN", "PARTIALLY_PAID"];

/** Statements of every account the patient may see (lib/access/rule.ts: their own and any shared with them), newest first. */
export const listStatementsForPatient = async ({
  userId,
}: {
  userId: string;
}): Promise<TStatementSummary[]> => {
  // One statement past Prisma: the bills page, every patient's first page (docs/database.md, "Hot paths").
  const rows = await readRows<TStatementSummaryRow>(sql`
    SELECT s.id, s."statementNumber", to_char(s."statementDate", 'YYYY-MM-DD') AS "statementDay",
           to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDay", s.status::text AS status, s.currency,
           s."amountDueCents", s."balanceCents", s."patientFirstName", s."patientLastName",
           s."accountId", a."accountNumber"
    FROM "statement" s
    JOIN "account" a ON a.id = s."accountId"
    WHERE s.status <> 'VOIDED'
      AND ${accountSqlFragment({ userId, need: "view", accountId: sql.raw(`s."accountId"`) })}
    ORDER BY s."statementDate" DESC, s."statementNumber" DESC`);
  return rows.map(({ statementDay, dueDay, accountId, accountNumber, ...s }) => ({
    ...s,
    statementDate: dayFromSql(statementDay),
    dueDate: dueDay === null ? null : dayFromSql(dueDay),
    account: { id: accountId, accountNumber },
  }));
};

type TStatementSummaryRow = Omit<TStatementSummary, "statementDate" | "dueDate" | "account"> & {
  statementDay: string;
  dueDay: string | null;
  accountId: string;
  accountNumber: string;
};

/** The statement `where` picks, with its lines; none is NOT_FOUND (the same for one the viewer may not see). */
const statementDetailOrThrow = async (where: Prisma.StatementWhereInput): Promise<TStatementDetail> => {
  const db = await getDb();
  const statement = await db.statement.findFirst({ where, select: statementDetailSelect });
  if (!statement) throw notFoundError("statement");
  return statement;
};

/** A statement the patient may see; a missing and a foreign statement are the same NOT_FOUND. */
export const getStatementForPatientOrThrow = async ({
  userId,
  statementId,
}: {
  userId: string;
  statementId: string;
}): Promise<TStatementDetail> =>
  statementDetailOrThrow({
    id: statementId,
    account: accountsWhere({ userId, need: "view" }),
    status: { not: "VOIDED" },
  });

/** The one statement a guest session is scoped to. */
export const getStatementForGuestOrThrow = async ({ statementId }: { statementId: string }) =>
  statementDetailOrThrow({ id: statementId, status: { not: "VOIDED" } });

/** For staff: any statement of their practice, with its lines (another practice's is NOT_FOUND). */
export const getStatementForStaffOrThrow = async ({
  practiceId,
  statementId,
}: {
  practiceId: string;
  statementId: string;
}) => statementDetailOrThrow({ id: statementId, account: { practiceId } });

export type TPatientSummary = {
  totalDueCents: number;
  nextDueDate: Date | null;
  openCount: number;
};

export const summarizeStatements = (statements: TStatementSummary[]): TPatientSummary => {
  const open = statements.filter((s) => OPEN_STATUSES.includes(s.status) && s.balanceCents > 0);
  const dueDates = open.map((s) => s.dueDate).filter((d): d is Date => d !== null);
  return {
    totalDueCents: open.reduce((sum, s) => sum + s.balanceCents, 0),
    nextDueDate: dueDates.length ? new Date(Math.min(...dueDates.map((d) => d.getTime()))) : null,
    openCount: open.length,
  };
};
