import "server-only";
import { accountSqlFragment } from "@/lib/access/rule";
import { dayFromSql } from "@/lib/dates";
import { getDb, readRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env, gatewayPublicOrigin } from "@/lib/env";
import { OPEN_STATUSES } from "@/lib/statements/queries";

export type TPayableStatement = {
  id: string;
  statementNumber: string;
  statementDate: Date;
  dueDate: Date | null;
  balanceCents: number;
  currency: string;
  accountNumber: string;
  patientName: string;
};

const select = {
  id: true,
  statementNumber: true,
  statementDate: true,
  dueDate: true,
  balanceCents: true,
  currency: true,
  patientFirstName: true,
  patientLastName: true,
  account: { select: { accountNumber: true } },
} as const satisfies Prisma.StatementSelect;

const toPayable = (s: Prisma.StatementGetPayload<{ select: typeof select }>): TPayableStatement => ({
  id: s.id,
  statementNumber: s.statementNumber,
  statementDate: s.statementDate,
  dueDate: s.dueDate,
  balanceCents: s.balanceCents,
  currency: s.currency,
  accountNumber: s.account.accountNumber,
  patientName: `${s.patientFirstName} ${s.patientLastName}`,
});

/** Open statements with something to pay, on the accounts the patient may pay (lib/access/rule.ts), oldest due first. */
export const listPayableStatementsForPatient = async ({ userId }: { userId: string }) => {
  // One statement past Prisma: the pay page (docs/database.md, "Hot paths"). Prisma's order: a
  // null due date last in ascending order, as PostgreSQL's own default.
  const rows = await readRows<{
    id: string;
    statementNumber: string;
    statementDay: string;
    dueDay: string | null;
    balanceCents: number;
    currency: string;
    accountNumber: string;
    patientName: string;
  }>(sql`
    SELECT s.id, s."statementNumber", to_char(s."statementDate", 'YYYY-MM-DD') AS "statementDay",
           to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDay", s."balanceCents", s.currency,
           a."accountNumber", s."patientFirstName" || ' ' || s."patientLastName" AS "patientName"
    FROM "statement" s
    JOIN "account" a ON a.id = s."accountId"
    WHERE s.status::text = ANY(${OPEN_STATUSES}::text[]) AND s."balanceCents" > 0
      AND ${accountSqlFragment({ userId, need: "pay", accountId: sql.raw(`s."accountId"`) })}
    ORDER BY s."dueDate" ASC, s."statementNumber" ASC`);
  return rows.map(({ statementDay, dueDay, ...s }): TPayableStatement => ({
    ...s,
    statementDate: dayFromSql(statementDay),
    dueDate: dueDay === null ? null : dayFromSql(dueDay),
  }));
};

/** The guest session's one statement, if it still has a balance. */
export const getPayableStatementForGuest = async ({ statementId }: { statementId: string }) => {
  const db = await getDb();
  const row = await db.statement.findFirst({
    where: { id: statementId, status: { in: OPEN_STATUSES }, balanceCents: { gt: 0 } },
    select,
  });
  return row ? toPayable(row) : null;
};

/** Where the browser loads the gateway's hosted fields from (its own origin). */
export const getHostedFieldsConfig = () => ({
  gatewayOrigin: gatewayPublicOrigin(),
  publishableKey: env().GATEWAY_PUBLISHABLE_KEY,
});
