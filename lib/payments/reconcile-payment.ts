import "server-only";
import { getDb } from "@/lib/db";
import { getGateway, type TGateway } from "@/lib/gateway";
import { applyGatewayOutcome, markPaymentFailed } from "@/lib/payments/apply-gateway-outcome";
import { log } from "@/lib/log";

/** A PENDING payment the gateway has not heard of after this long was never charged. */
export const UNSEEN_AFTER_MS = 2 * 60_000;

/**
 * Resolves a PENDING payment from the gateway's own record (looked up by our idempotency key,
 * which is the payment id): exactly one outcome, never zero, never two.
 */
export const reconcilePayment = async ({
  paymentId,
  gateway = getGateway(),
  now = new Date(),
}: {
  paymentId: string;
  gateway?: TGateway;
  now?: Date;
}) => {
  const db = await getDb();
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: { status: true, createdAt: true },
  });
  if (!payment || payment.status !== "PENDING") return payment?.status ?? null;
  const gp = await gateway.findPaymentByIdempotencyKey(paymentId);
  if (gp) {
    return applyGatewayOutcome({ paymentId, gatewayPayment: gp, source: "reconcile" });
  }
  if (now.getTime() - payment.createdAt.getTime() >= UNSEEN_AFTER_MS) {
    await markPaymentFailed({ paymentId, reason: "never reached the gateway" });
    return "FAILED" as const;
  }
  return "PENDING" as const;
};

/** Every PENDING payment older than `minAgeMs` (a background sweep calls this). */
export const reconcilePendingPayments = async ({
  gateway = getGateway(),
  now = new Date(),
  minAgeMs = 30_000,
}: { gateway?: TGateway; now?: Date; minAgeMs?: number } = {}) => {
  const db = await getDb();
  const pending = await db.payment.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - minAgeMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  for (const p of pending) {
    try {
      await reconcilePayment({ paymentId: p.id, gateway, now });
    } catch (error) {
      log.warn(`[payments] could not reconcile ${p.id}: ${(error as Error).message}`);
    }
  }
  return pending.length;
};
