/** Runs once when a server instance starts: migrate, seed the demo data, start background work. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("@/lib/db/prepare");
  await prepareDatabase();
  const { startReconcileSweep } = await import("@/lib/payments/reconcile-sweep");
  startReconcileSweep();
  const { startReceiptEmailSweep, wakeReceiptSender } = await import("@/lib/receipts/receipt-email-queue");
  startReceiptEmailSweep();
  wakeReceiptSender(); // whatever a previous run left due
}
