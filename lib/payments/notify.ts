import { sendReceiptEmail } from "@/lib/receipts/send-receipt-email";

/**
 * Emails the receipt of a payment that has just been approved, from whichever path learnt it
 * (the charge's answer, reconciliation, a webhook). sendReceiptEmail sends at most once per
 * payment; a failure to email never fails the payment.
 */
export const emailReceiptAfterApproval = async (paymentId: string) => {
  try {
    await sendReceiptEmail({ paymentId });
  } catch (error) {
    console.warn(`[payments] receipt email for ${paymentId} failed: ${(error as Error).message}`);
  }
};

export const isApproved = (status: string | null) => status === "CAPTURED" || status === "SETTLED";
