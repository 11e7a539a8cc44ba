import { Prisma } from "@/lib/generated/prisma/client";
import { refundParts } from "@/lib/payments/refundable";

type TTx = Prisma.TransactionClient;

/**
 * A statement's status for its balance after a change of `deltaCents`, in SQL over the row
 * aliased `s`: paid at zero, partially paid below the amount due, open otherwise; a voided
 * statement stays voided. One UPDATE sets balance and status together (a payment's intent
 * takes, in pay-bill.ts; restoreBalance gives back).
 */
export const statusAfter = (deltaCents: Prisma.Sql) => Prisma.sql`(CASE
    WHEN s.status = 'VOIDED' THEN s.status
    WHEN s."balanceCents" + ${deltaCents} <= 0 THEN 'PAID'
    WHEN s."balanceCents" + ${deltaCents} < s."amountDueCents" THEN 'PARTIALLY_PAID'
    ELSE 'OPEN' END)::"StatementStatus"`;

/** Puts money back on a statement (decline, void, refund, ACH return). */
export const restoreBalance = async (tx: TTx, statementId: string, amountCents: number) => {
  if (amountCents <= 0) return;
  const changed = await tx.$executeRaw`
    UPDATE "statement" AS s
       SET "balanceCents" = s."balanceCents" + ${amountCents}::int,
           status = ${statusAfter(Prisma.sql`${amountCents}::int`)},
           "updatedAt" = now()
     WHERE s.id = ${statementId}`;
  if (changed !== 1) throw new Error(`statement ${statementId} not found`);
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
