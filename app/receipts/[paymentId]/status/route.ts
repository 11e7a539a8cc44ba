import { reconcileIfStale } from "@/lib/payments/refresh-pending";
import { getPaymentStatusForRequest } from "@/lib/receipts/viewer";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";

/**
 * The payment's status as JSON, for the receipt page while it says "processing": the same check
 * as the page (the payer patient, the guest session of its statement, or staff) and the same 404
 * for everyone else. Like the page, a payment whose answer was lost is asked about at the
 * gateway (throttled).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  let payment = await getPaymentStatusForRequest(paymentId);
  if (!payment) return notFoundResponse();
  if (await reconcileIfStale({ paymentId, status: payment.status, createdAt: payment.createdAt })) {
    payment = (await getPaymentStatusForRequest(paymentId)) ?? payment;
  }
  return Response.json({ status: payment.status }, { headers: NO_STORE });
}
