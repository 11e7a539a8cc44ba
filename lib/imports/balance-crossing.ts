import "server-only";
import type { TSqlOps } from "@/lib/db/sql";
import { fileCarriedPayment } from "@/lib/exports/file-postings";
import { HOLDS_BALANCE } from "@/lib/payments/apply-gateway-outcome";
import { refundParts } from "@/lib/payments/refundable";

/**
 * The crossing rule (docs/files.md, "A balance file and the payments it crossed"): a balance
 * row's amount due is the PMS's as of when it wrote the file (T), so a portal payment the PMS had
 * not heard of at T is not in it. Such a payment, as long as it still holds money, is kept as a
 * credit: the statement's balance is the amount due less those payments, never below zero.
 *
 * A payment is one the PMS had not heard of at T when it is the portal's own (not one the
 * practice's payment import file recorded: those come from its books), still holds money
 * (HOLDS_BALANCE, less its refunds), was taken less than CROSSING_WINDOW_DAYS before T, was not
 * posted to the PMS by T (no payment_posting, and no posting file that carried it, at or before
 * T), and either was taken after T, or was taken while the practice posts electronically (at or
 * after the practice's first posting, itself at or before T). A practice that has never posted electronically posts by hand: the payment's time
 * is then the only evidence, and a payment taken before T is taken to be in the file.
 */

/** Payments taken this long before the file's time are taken to be on the PMS's books, however they got there. */
export const CROSSING_WINDOW_DAYS = 30;

/** One allocation of a payment that also pays one of the statements being written. */
export type TCrossingRow = {
  /** The statement being written that this payment pays (one row per allocation of the payment). */
  statementId: string;
  paymentId: string;
  status: string;
  amountCents: number;
  refundedCents: number;
  createdAt: Date;
  postedBefore: boolean;
  allocationStatementId: string;
  allocationCents: number;
};

/**
 * The credit each statement keeps, from the payments that pay it (pure: the rule above).
 * `firstPostingAt` is when the practice first posted a payment electronically (null: never).
 */
export const crossingCredits = ({
  rows,
  asOf,
  firstPostingAt,
}: {
  rows: readonly TCrossingRow[];
  asOf: Date;
  firstPostingAt: Date | null;
}): Map<string, number> => {
  const byPayment = new Map<string, TCrossingRow[]>();
  for (const r of rows) byPayment.set(r.paymentId, [...(byPayment.get(r.paymentId) ?? []), r]);
  const windowStart = asOf.getTime() - CROSSING_WINDOW_DAYS * 24 * 60 * 60 * 1000;
  const postsElectronically = firstPostingAt !== null && firstPostingAt.getTime() <= asOf.getTime();
  const credits = new Map<string, number>();
  for (const paymentRows of byPayment.values()) {
    const p = paymentRows[0]!;
    const taken = p.createdAt.getTime();
    if (!HOLDS_BALANCE.includes(p.status as (typeof HOLDS_BALANCE)[number])) continue;
    if (taken <= windowStart || p.postedBefore) continue;
    const unheardOf = taken > asOf.getTime() || (postsElectronically && taken >= firstPostingAt.getTime());
    if (!unheardOf) continue;
    // The payment's allocations in the ledger's order; what refunds gave back comes off the last first.
    const seen = new Set<string>();
    const allocations = paymentRows
      .filter((r) => !seen.has(r.allocationStatementId) && seen.add(r.allocationStatementId))
      .map((r) => ({ statementId: r.allocationStatementId, amountCents: r.allocationCents }));
    const given = new Map<string, number>();
    for (const part of refundParts({ allocations, alreadyRefundedCents: 0, amountCents: p.refundedCents })) {
      given.set(part.statementId, (given.get(part.statementId) ?? 0) + part.amountCents);
    }
    for (const statementId of new Set(paymentRows.map((r) => r.statementId))) {
      const allocated = allocations.find((a) => a.statementId === statementId)?.amountCents ?? 0;
      const held = Math.max(0, allocated - (given.get(statementId) ?? 0));
      if (held > 0) credits.set(statementId, (credits.get(statementId) ?? 0) + held);
    }
  }
  return credits;
};

export type TCrossingResult = {
  statementNumber: string;
  amountDueCents: number;
  creditCents: number;
  balanceCents: number;
};

/**
 * Applies the crossing rule to statements just written from a balance (amountDueCents = the
 * file's amount due, balanceCents = the same): for each one that payments unknown to the PMS at
 * `asOf` pay, sets balanceCents = max(0, amountDueCents − their credit) and the status to match
 * (a voided statement stays voided). Call it in the same transaction as the upsert, after it.
 * Returns the statements it changed.
 *
 * ```ts
 * await applyBalanceCrossing(tx, { practiceId, statementNumbers: ["ST-1001"], asOf });
 * ```
 */
export const applyBalanceCrossing = async (
  tx: TSqlOps,
  {
    practiceId,
    statementNumbers,
    asOf,
  }: { practiceId: string; statementNumbers: readonly string[]; asOf: Date },
): Promise<TCrossingResult[]> => {
  if (statementNumbers.length === 0) return [];
  const windowStart = new Date(asOf.getTime() - CROSSING_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const rows = await tx.query<TCrossingRow>`
    SELECT s.id AS "statementId", p.id AS "paymentId", p.status::text AS status, p."amountCents",
           p."refundedCents", p."createdAt", pa."statementId" AS "allocationStatementId",
           pa."amountCents" AS "allocationCents",
           (EXISTS (SELECT 1 FROM "payment_posting" pp
                     WHERE pp."paymentId" = p.id AND pp."postedAt" <= ${asOf}::timestamptz)
             OR EXISTS (SELECT 1 FROM "posting_file" f
                         WHERE ${fileCarriedPayment} AND f."completedAt" <= ${asOf}::timestamptz)) AS "postedBefore"
      FROM "statement" s
      JOIN "account" a ON a.id = s."accountId" AND a."practiceId" = ${practiceId}
      JOIN "payment_allocation" mine ON mine."statementId" = s.id
      JOIN "payment" p ON p.id = mine."paymentId"
      JOIN "payment_allocation" pa ON pa."paymentId" = p.id
     WHERE s."statementNumber" = ANY(${[...statementNumbers]}::text[])
       AND p.status::text = ANY(${HOLDS_BALANCE}::text[])
       -- A payment the practice's own file recorded (IMPTI10) is on its books already.
       AND p.channel <> 'IMPORT'
       AND p."createdAt" > ${windowStart}::timestamptz
     ORDER BY p.id, pa."createdAt", pa.id`;
  if (rows.length === 0) return [];
  // The first posting: a real-time one, or the first posting file that carried anything.
  const [first] = await tx.query<{ at: Date | null }>`
    SELECT least(
      (SELECT min(pp."postedAt") FROM "payment_posting" pp
         JOIN "payment" p ON p.id = pp."paymentId" AND p."practiceId" = ${practiceId}),
      (SELECT min(f."completedAt") FROM "posting_file" f
        WHERE f."practiceId" = ${practiceId} AND f.status = 'READY' AND f."rowCount" > 0)) AS at`;
  const credits = crossingCredits({
    rows: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    asOf,
    firstPostingAt: first?.at ? new Date(first.at) : null,
  });
  if (credits.size === 0) return [];
  return tx.query<TCrossingResult>`
    UPDATE "statement" AS s
       SET "balanceCents" = GREATEST(s."amountDueCents" - c.credit, 0),
           status = (CASE
             WHEN s.status = 'VOIDED' THEN s.status
             WHEN s."amountDueCents" - c.credit <= 0 THEN 'PAID'
             WHEN c.credit > 0 THEN 'PARTIALLY_PAID'
             ELSE 'OPEN' END)::"StatementStatus",
           "updatedAt" = now()
      FROM (SELECT unnest(${[...credits.keys()]}::text[]) AS id,
                   unnest(${[...credits.values()]}::int[]) AS credit) c
     WHERE s.id = c.id
    RETURNING s."statementNumber", s."amountDueCents", c.credit AS "creditCents", s."balanceCents"`;
};
