import { reconcilePendingPayments } from "@/lib/payments/reconcile-payment";

const EVERY_MS = 30_000;

/**
 * Resolves PENDING payments in the background of every server instance (until the durable
 * job queue of a later issue takes this over). Safe with several instances: applying an
 * outcome is row-locked and idempotent.
 */
export const startReconcileSweep = () => {
  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    reconcilePendingPayments()
      .catch((error: unknown) =>
        console.warn(`[payments] reconcile sweep failed: ${(error as Error).message}`),
      )
      .finally(() => {
        isRunning = false;
      });
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
};
