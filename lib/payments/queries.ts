import "server-only";
import { accountsWhere } from "@/lib/access/rule";
import { getDb } from "@/lib/db";
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
  const db = await getDb();
  const rows = await db.statement.findMany({
    where: {
      account: accountsWhere({ userId, need: "pay" }),
      status: { in: OPEN_STATUSES },
      balanceCents: { gt: 0 },
    },
    orderBy: [{ dueDate: "asc" }, { statementNumber: "asc" }],
    select,
  });
  return rows.map(toPayable);
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
