import type { Prisma } from "@/lib/generated/prisma/client";
import type { StatementStatus } from "@/lib/generated/prisma/enums";
import { refundParts } from "@/lib/payments/refundable";

type TTx = Prisma.TransactionClient;

export const statementStatusFor = ({
  balanceCents,
  amountDueCents,
}: {
  balanceCents: number;
  amountDueCents: number;
}): StatementStatus =>
  balanceCents <= 0 ? "PAID" : balanceCents < amountDueCents ? "PARTIALLY_PAID" : "OPEN";

/**
 * Takes `amountCents` off a statement's balance, only if the balance covers it (one
 * conditional UPDATE, so two payments racing for the same balance cannot both succeed).
 * Returns false when it does not.
 */
export const reserveBalance = async (tx: TTx, statementId: string, amountCents: number) => {
  const { count } = await tx.statement.updateMany({
    where: { id: statementId, balanceCents: { gte: amountCents }, status: { not: "VOIDED" } },
    data: { balanceCents: { decrement: amountCents } },
  });
  if (count === 0) return false;
  await syncStatementStatus(tx, statementId);
  return true;
};

/** Puts money back on a statement (decline, void, refund, ACH return). */
export const restoreBalance = async (tx: TTx, statementId: string, amountCents: number) => {
  if (amountCents <= 0) return;
  await tx.statement.update({
    where: { id: statementId },
    data: { balanceCents: { increment: amountCents } },
  });
  await syncStatementStatus(tx, statementId);
};

const syncStatementStatus = async (tx: TTx, statementId: string) => {
  const s = await tx.statement.findUniqueOrThrow({
    where: { id: statementId },
    select: { balanceCents: true, amountDueCents: true, status: true },
  });
  const status = statementStatusFor(s);
  if (s.status !== "VOIDED" && status !== s.status) {
    await tx.statement.update({ where: { id: statementId }, data: { status } });
  }
};

/**
 * Gives back what a payment still holds: `amountCents` across its statements, last allocation
 * first, skipping what earlier refunds (`alreadyRestoredCents`) already gave back, never more
 * than was allocated to each (refundParts). Integer cents throughout.
 */
export const restoreAllocations = async (
  tx: TTx,
  allocations: { statementId: string; amountCents: number }[],
  amountCents: number,
  alreadyRestoredCents = 0,
) => {
  for (const part of refundParts({ allocations, alreadyRefundedCents: alreadyRestoredCents, amountCents })) {
    await restoreBalance(tx, part.statementId, part.amountCents);
  }
};
