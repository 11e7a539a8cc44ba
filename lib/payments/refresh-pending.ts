import "server-only";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import type { TGateway } from "@/lib/gateway";
import { reconcilePayment } from "@/lib/payments/reconcile-payment";
import { log } from "@/lib/log";

/** A payment still PENDING after this long is asked about at the gateway. */
export const RECONCILE_AFTER_MS = 30_000;

/** The receipt page refreshes every few seconds; the gateway is asked at most this often per payment. */
const lastAsked = new Map<string, number>();

/**
 * For the receipt page: a payment PENDING for more than 30 seconds is reconciled with the
 * gateway (at most once every 30 seconds per payment and process), so a lost answer does not
 * leave the page processing until the background sweep. Returns whether the status changed.
 * Never throws: the page shows what it has.
 */
export const reconcileIfStale = async ({
  paymentId,
  status,
  createdAt,
  now = new Date(),
  gateway,
}: {
  paymentId: string;
  status: PaymentStatus;
  createdAt: Date;
  now?: Date;
  /** Tests pass the fake; the app uses the configured gateway. */
  gateway?: TGateway;
}): Promise<boolean> => {
  if (status !== "PENDING" || now.getTime() - createdAt.getTime() < RECONCILE_AFTER_MS) return false;
  const last = lastAsked.get(paymentId);
  if (last !== undefined && now.getTime() - last < RECONCILE_AFTER_MS) return false;
  lastAsked.set(paymentId, now.getTime());
  if (lastAsked.size > 1000) lastAsked.delete(lastAsked.keys().next().value!);
  try {
    const next = await reconcilePayment({ paymentId, now, ...(gateway ? { gateway } : {}) });
    return next !== null && next !== "PENDING";
  } catch (error) {
    log.warn(`[receipts] could not reconcile ${paymentId}: ${(error as Error).message}`);
    return false;
  }
};
