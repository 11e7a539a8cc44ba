import "server-only";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import type { TGatewaySettlementBatchDetail, TGatewaySettlementItem } from "@/lib/gateway/types";
import type { SettlementItemKind } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";

/**
 * Batches are asked for from this long before the latest one stored: a batch the gateway made
 * late, or one skipped because none of its payments was known yet, is picked up on a later run.
 */
export const SYNC_OVERLAP_MS = 3 * 24 * 60 * 60 * 1000;

const KIND: Record<TGatewaySettlementItem["kind"], SettlementItemKind> = {
  sale: "SALE",
  refund: "REFUND",
  return: "RETURN",
  chargeback: "CHARGEBACK",
};

export type TSyncSettlementsResult = {
  /** Batches stored by this run. */
  stored: number;
  /** Batches already stored (by gatewayBatchId). */
  known: number;
  /** Batches no practice could be found for (none of their payments is ours). */
  skipped: number;
  /** Transactions of stored batches whose payment (or refund) we do not know: logged, not stored. */
  unknownItems: number;
};

/**
 * The practice a batch belongs to: the one whose `gatewayMerchantId` is the batch's merchant,
 * else the one practice all of its known payments belong to. Null (with the reason) otherwise.
 */
const practiceOf = async (
  batch: TGatewaySettlementBatchDetail,
  paymentPractice: Map<string, string>,
): Promise<{ practiceId: string } | { reason: string }> => {
  const db = await getDb();
  const byMerchant = await db.practice.findMany({
    where: { gatewayMerchantId: batch.merchantId },
    select: { id: true },
    take: 2,
  });
  if (byMerchant.length === 1 && byMerchant[0]) return { practiceId: byMerchant[0].id };
  const practices = new Set(paymentPractice.values());
  if (practices.size === 1) return { practiceId: [...practices][0]! };
  return practices.size === 0
    ? { reason: "none of its payments is ours" }
    : { reason: `its payments belong to ${practices.size} practices (one merchant account per practice)` };
};

/** Stores one gateway batch with the items we can map; false when it was skipped. */
const storeBatch = async (batch: TGatewaySettlementBatchDetail, counts: TSyncSettlementsResult) => {
  const db = await getDb();
  const gatewayPaymentIds = [...new Set(batch.transactions.map((t) => t.paymentId))];
  const gatewayRefundIds = batch.transactions.flatMap((t) => (t.refundId ? [t.refundId] : []));
  const [payments, refunds] = await Promise.all([
    db.payment.findMany({
      where: { gatewayTransactionId: { in: gatewayPaymentIds } },
      select: { id: true, practiceId: true, gatewayTransactionId: true },
    }),
    gatewayRefundIds.length
      ? db.refund.findMany({
          where: { gatewayRefundId: { in: gatewayRefundIds } },
          select: { id: true, paymentId: true, gatewayRefundId: true },
        })
      : [],
  ]);
  const paymentByGatewayId = new Map(payments.map((p) => [p.gatewayTransactionId ?? "", p]));
  const refundByGatewayId = new Map(refunds.map((r) => [r.gatewayRefundId ?? "", r]));
  const owner = await practiceOf(batch, new Map(payments.map((p) => [p.id, p.practiceId])));
  if (!("practiceId" in owner)) {
    log.warn(`[settlements] batch ${batch.id} skipped: ${owner.reason}`);
    counts.skipped++;
    return;
  }

  const items: {
    paymentId: string;
    refundId: string | null;
    kind: SettlementItemKind;
    amountCents: number;
  }[] = [];
  for (const t of batch.transactions) {
    const payment = paymentByGatewayId.get(t.paymentId);
    if (!payment || payment.practiceId !== owner.practiceId) {
      log.warn(
        `[settlements] batch ${batch.id}: ${t.kind} ${t.id} of gateway payment ${t.paymentId} is not a payment of this practice; not stored`,
      );
      counts.unknownItems++;
      continue;
    }
    const refund = t.refundId ? refundByGatewayId.get(t.refundId) : undefined;
    if (t.refundId && (!refund || refund.paymentId !== payment.id)) {
      // The money still moved for this payment: kept, without the refund we cannot name.
      log.warn(`[settlements] batch ${batch.id}: refund ${t.refundId} is not ours; stored without it`);
    }
    items.push({
      paymentId: payment.id,
      refundId: refund && refund.paymentId === payment.id ? refund.id : null,
      kind: KIND[t.kind],
      amountCents: t.amountCents,
    });
  }

  try {
    await db.$transaction(async (tx) => {
      const stored = await tx.settlementBatch.create({
        data: {
          practiceId: owner.practiceId,
          gatewayBatchId: batch.id,
          traceNumber: batch.traceNumber,
          effectiveDate: batch.effectiveDate,
          settledAt: batch.settledAt,
          itemCount: batch.itemCount,
          totalCents: batch.netCents,
          returnsCents: batch.returns.amountCents,
        },
        select: { id: true },
      });
      if (items.length) {
        await tx.settlementBatchItem.createMany({ data: items.map((i) => ({ ...i, batchId: stored.id })) });
      }
    });
    counts.stored++;
  } catch (error) {
    // Another run stored it meanwhile: the same batch, once.
    if (!isUniqueViolation(error)) throw error;
    counts.known++;
  }
};

/**
 * Pulls the gateway's settlement batches made since the latest one stored (less
 * SYNC_OVERLAP_MS; all of them on the first run) and stores each new one once, by its
 * gateway id, with its transactions mapped to our payments (by gateway transaction id) and
 * refunds (by gateway refund id). Transactions we do not know are logged and left out; a batch
 * none of whose payments is ours is logged and skipped (a later run looks again). Safe to run
 * twice at once: the unique gateway id keeps one copy.
 */
export const syncSettlements = async ({
  gateway = getGateway(),
}: { gateway?: TGateway } = {}): Promise<TSyncSettlementsResult> => {
  const db = await getDb();
  const latest = await db.settlementBatch.findFirst({
    orderBy: { settledAt: "desc" },
    select: { settledAt: true },
  });
  const createdSince = latest ? new Date(latest.settledAt.getTime() - SYNC_OVERLAP_MS) : undefined;
  const counts: TSyncSettlementsResult = { stored: 0, known: 0, skipped: 0, unknownItems: 0 };
  let startingAfter: string | undefined;
  for (;;) {
    const page = await gateway.listSettlementBatches({ createdSince, startingAfter, limit: 100 });
    const already = new Set(
      (
        await db.settlementBatch.findMany({
          where: { gatewayBatchId: { in: page.data.map((b) => b.id) } },
          select: { gatewayBatchId: true },
        })
      ).map((b) => b.gatewayBatchId),
    );
    for (const summary of page.data) {
      if (already.has(summary.id)) {
        counts.known++;
        continue;
      }
      await storeBatch(await gateway.getSettlementBatch(summary.id), counts);
    }
    const last = page.data.at(-1);
    if (!page.hasMore || !last) break;
    startingAfter = last.id;
  }
  return counts;
};
