import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { formatCents } from "@/lib/money";

/** An ACH return put the balance back: the payer hears that the amount is due again. */
export const paymentReturnedEmail = (m: {
  to: string;
  practice: { id: string; name: string; phone: string | null };
  amountCents: number;
  currency: string;
  receiptNumber: string;
}): TEmailMessage => ({
  to: m.to,
  practiceId: m.practice.id,
  subject: `${m.practice.name}: your bank returned a payment`,
  blocks: [
    paragraph(
      `Your bank returned your payment of ${formatCents(m.amountCents, m.currency)} (receipt ${m.receiptNumber}), so it did not go through and the amount is due again.`,
    ),
    button({
      lead: `You can pay it in the portal${m.practice.phone ? ` or call us at ${m.practice.phone}` : ""}:`,
      label: "Pay in the portal",
      href: appUrl("/"),
    }),
  ],
});
