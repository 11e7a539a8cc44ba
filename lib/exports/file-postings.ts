import "server-only";
import { sql, type TSqlFragment } from "@/lib/db/sql";

/**
 * Which posting files carried a payment (docs/files.md, "Posted state"). A file's lines are a
 * function of its window (or, for the deposit file, its day's settlement batches), so the files
 * a payment went out in are read from the files' records instead of being written down as a row
 * per payment per file: a file of a million lines writes no million rows beside its text.
 *
 * The rules here are the ones `postingLinesQuery` and the writers apply (lib/exports/posting-file.ts,
 * lib/files/*-file.ts), written against the file's columns instead of bound values:
 *  - IMDPA: every line of the window (a payment that is not PENDING, made, captured, settled,
 *    voided or returned in it; a refund made in it);
 *  - X12 835: the lines that moved money (remittance "in" or "back") and refunds;
 *  - Lockbox A: payments captured in the window (and not voided or returned by its end) and refunds;
 *  - deposit: the payments and refunds of the settlement batches effective on the file's day.
 * The test "tells which files carried each payment" in posting-file.int.test.ts holds the two
 * to the same answer for every format.
 *
 * A payment still PENDING when its day's file was written was not in it; one that the
 * reconciliation settles afterwards would be taken here to have been. The file is written five
 * minutes after the cut-off (POSTING_SETTLE_MS) and the reconciliation resolves pending
 * payments within minutes, so this is the rare case of a gateway outage spanning the cut-off.
 */

const inFileWindow = (column: TSqlFragment) =>
  sql`(${column} >= f."windowStart" AND ${column} < f."windowEnd")`;

/**
 * A condition on a posting file `f` and a payment `p` (both aliases in the caller's FROM): the
 * READY file `f` carried a record of `p` (the payment, or one of its refunds).
 */
export const fileCarriedPayment = sql`(
  f."practiceId" = p."practiceId" AND f.status = 'READY' AND CASE
    WHEN f.format = 'DEPOSIT_10' THEN EXISTS (
      SELECT 1 FROM "settlement_batch_item" i JOIN "settlement_batch" b ON b.id = i."batchId"
       WHERE i."paymentId" = p.id AND b."practiceId" = f."practiceId" AND b."effectiveDate" = f."businessDay")
    ELSE p.channel <> 'IMPORT' AND f."windowEnd" > p."createdAt" AND (
      EXISTS (
        SELECT 1 FROM "refund" r
         WHERE r."paymentId" = p.id AND r.kind = 'REFUND' AND r.status = 'SUCCEEDED' AND ${inFileWindow(sql`r."createdAt"`)})
      OR (p.status <> 'PENDING' AND CASE
        WHEN f.format IN ('X12_835', 'LOCKBOX_A') THEN
          (${inFileWindow(sql`p."capturedAt"`)}
            AND (coalesce(p."voidedAt", p."returnedAt") < f."windowEnd") IS NOT TRUE)
          OR (f.format = 'X12_835' AND p."capturedAt" < f."windowStart"
            AND (${inFileWindow(sql`p."voidedAt"`)} OR ${inFileWindow(sql`p."returnedAt"`)}))
        ELSE ${inFileWindow(sql`p."createdAt"`)} OR ${inFileWindow(sql`p."capturedAt"`)}
          OR ${inFileWindow(sql`p."settledAt"`)} OR ${inFileWindow(sql`p."voidedAt"`)}
          OR ${inFileWindow(sql`p."returnedAt"`)}
        END))
  END)`;

/** The files that carried payment `paymentId` of the practice, oldest first. */
export const filesCarryingPaymentQuery = ({
  practiceId,
  paymentId,
}: {
  practiceId: string;
  paymentId: string;
}) => sql`
  SELECT f.id, f."fileName", f."businessDay", f."completedAt"
    FROM "payment" p JOIN "posting_file" f ON ${fileCarriedPayment}
   WHERE p.id = ${paymentId} AND p."practiceId" = ${practiceId}
   ORDER BY f."completedAt", f.id`;
