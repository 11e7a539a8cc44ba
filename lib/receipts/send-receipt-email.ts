import "server-only";
import { getDb } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/env";
import { notFoundError } from "@/lib/errors";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { receiptText } from "@/lib/receipts/format";
import { getReceiptOrThrow } from "@/lib/receipts/queries";
import type { TReceipt } from "@/lib/receipts/types";

/** The PaymentEvent that records that the receipt went out; there is never a second. */
export const RECEIPT_EMAILED_EVENT = "receipt.emailed";

/** A receipt is for money taken: not for a payment still processing, declined, failed or voided. */
const EMAILABLE: readonly PaymentStatus[] = [
  "AUTHORIZED",
  "CAPTURED",
  "SETTLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
];

export type TSendReceiptEmailResult = {
  status: "sent" | "already-sent" | "no-recipient" | "not-approved";
};

/** Facts left out of the email, which travels unencrypted: names stay on the page and the PDF. */
const NOT_IN_EMAIL = new Set(["Guarantor", "Patient", "Patients"]);

export const receiptEmailText = (r: TReceipt, { isGuest }: { isGuest: boolean }) => {
  const t = receiptText(r);
  const width = Math.max(...t.facts.map(([label]) => label.length)) + 2;
  const lines = [
    `Thank you for your payment to ${r.practice.name}.`,
    "",
    ...t.facts.filter(([label]) => !NOT_IN_EMAIL.has(label)).map(([l, v]) => `${`${l}:`.padEnd(width)}${v}`),
    "",
    "Statements paid:",
    ...t.allocations.map(([statement, amount]) => `  ${statement}: ${amount}`),
    `Total: ${t.total}`,
    "",
    "See this receipt online, or download it as a PDF:",
    appUrl(`/receipts/${r.paymentId}`),
    isGuest
      ? `To open it, look up your statement again at ${appUrl("/guest")} first.`
      : "You'll be asked to sign in.",
    "",
    "Questions about this payment? Contact us and quote the receipt number.",
    "",
    ...t.practiceLines,
  ];
  return lines.join("\n");
};

/**
 * Emails the receipt to the payer, once: a patient who paid signed in gets it at their login's
 * address if their "email receipts" preference is on; a payer without a login (a guest) gets
 * it at the address they gave, if any; anyone else gets nothing. The claim (a
 * `receipt.emailed` event) is taken under the payment's row lock, so two callers at the same
 * moment send one email; if sending throws, the claim is released for a retry.
 */
export const sendReceiptEmail = async ({
  paymentId,
}: {
  paymentId: string;
}): Promise<TSendReceiptEmailResult> => {
  const db = await getDb();
  const payment = await db.payment.findUnique({
    where: { id: paymentId },
    select: {
      status: true,
      payerEmail: true,
      payer: { select: { email: true, emailReceipts: true } },
    },
  });
  if (!payment) throw notFoundError("payment");
  if (!EMAILABLE.includes(payment.status)) return { status: "not-approved" };
  const { payer } = payment;
  const to = payer ? (payer.emailReceipts ? payer.email : null) : payment.payerEmail;
  if (!to) return { status: "no-recipient" };

  const claim = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "payment" WHERE id = ${paymentId} FOR UPDATE`;
    const sent = await tx.paymentEvent.count({ where: { paymentId, type: RECEIPT_EMAILED_EVENT } });
    if (sent > 0) return null;
    return tx.paymentEvent.create({
      data: { paymentId, type: RECEIPT_EMAILED_EVENT, data: { recipient: payer ? "patient" : "payer" } },
      select: { id: true },
    });
  });
  if (!claim) return { status: "already-sent" };

  try {
    const receipt = await getReceiptOrThrow({ paymentId, viewer: { kind: "staff" } });
    await sendEmail({
      to,
      subject: `Your payment receipt ${receipt.receiptNumber} from ${receipt.practice.name}`,
      text: receiptEmailText(receipt, { isGuest: !payer }),
    });
  } catch (error) {
    await db.paymentEvent.delete({ where: { id: claim.id } }).catch(() => undefined);
    throw error;
  }
  return { status: "sent" };
};
