import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { toIsoDay } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ZApiAccount, ZApiStatement } from "./schemas";

type TApiStatement = z.infer<typeof ZApiStatement>;

export const API_STATEMENT_SELECT = {
  statementNumber: true,
  status: true,
  statementDate: true,
  dueDate: true,
  amountDueCents: true,
  balanceCents: true,
  totalChargesCents: true,
  insurancePaidCents: true,
  adjustmentsCents: true,
  currency: true,
  providerName: true,
  createdAt: true,
  updatedAt: true,
  account: { select: { accountNumber: true } },
} satisfies Prisma.StatementSelect;

export const toApiStatement = (
  s: Prisma.StatementGetPayload<{ select: typeof API_STATEMENT_SELECT }>,
): TApiStatement => ({
  object: "statement",
  statement_number: s.statementNumber,
  account_number: s.account.accountNumber,
  status: s.status.toLowerCase() as TApiStatement["status"],
  statement_date: toIsoDay(s.statementDate),
  due_date: s.dueDate ? toIsoDay(s.dueDate) : null,
  amount_due_cents: s.amountDueCents,
  balance_cents: s.balanceCents,
  total_charges_cents: s.totalChargesCents,
  insurance_paid_cents: s.insurancePaidCents,
  adjustments_cents: s.adjustmentsCents,
  currency: s.currency,
  provider_name: s.providerName,
  created_at: s.createdAt.toISOString(),
  updated_at: s.updatedAt.toISOString(),
});

/** One of the practice's accounts by its number with its open statements (oldest first), or null. */
export const getApiAccount = async ({
  practiceId,
  accountNumber,
}: {
  practiceId: string;
  accountNumber: string;
}): Promise<z.infer<typeof ZApiAccount> | null> => {
  const db = await getDb();
  const account = await db.account.findUnique({
    where: { practiceId_accountNumber: { practiceId, accountNumber } },
    select: {
      accountNumber: true,
      guarantorFirstName: true,
      guarantorLastName: true,
      statements: {
        where: { status: { in: ["OPEN", "PARTIALLY_PAID"] }, balanceCents: { gt: 0 } },
        orderBy: [{ statementDate: "asc" }, { statementNumber: "asc" }],
        select: API_STATEMENT_SELECT,
      },
    },
  });
  if (!account) return null;
  const open = account.statements.map(toApiStatement);
  return {
    object: "account",
    account_number: account.accountNumber,
    guarantor: { first_name: account.guarantorFirstName, last_name: account.guarantorLastName },
    open_balance_cents: open.reduce((sum, s) => sum + s.balance_cents, 0),
    open_statements: open,
  };
};
