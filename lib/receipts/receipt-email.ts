import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { receiptText } from "@/lib/receipts/format";
import type { TReceipt } from "@/lib/receipts/types";

/** Facts left out of the email, which travels unencrypted: names stay on the page and the PDF. */
const NOT_IN_EMAIL = new Set(["Guarantor", "Patient", "Patients"]);

/**
 * The receipt email: the receipt's facts (no names), the statements paid and the total, and a
 * button to the receipt page (a guest is sent to look up the statement first).
 */
export const receiptEmail = (
  r: TReceipt,
  { to, practiceId, isGuest }: { to: string; practiceId: string; isGuest: boolean },
): TEmailMessage => {
  const t = receiptText(r);
  return {
    to,
    practiceId,
    subject: `Your payment receipt ${r.receiptNumber} from ${r.practice.name}`,
    blocks: [
      paragraph(`Thank you for your payment to ${r.practice.name}.`),
      { kind: "facts", rows: t.facts.filter(([label]) => !NOT_IN_EMAIL.has(label)) },
      { kind: "breakdown", caption: "Statements paid:", rows: t.allocations, total: ["Total", t.total] },
      button({
        lead: "See this receipt online, or download it as a PDF:",
        label: "See your receipt",
        href: appUrl(`/receipts/${r.paymentId}`),
        ...(isGuest ? {} : { after: "You'll be asked to sign in." }),
      }),
      ...(isGuest
        ? [
            button({
              lead: "To open it, look up your statement again first:",
              label: "Look up your statement",
              href: appUrl("/guest"),
            }),
          ]
        : []),
      paragraph("Questions about this payment? Contact us and quote the receipt number."),
      paragraph(...t.practiceLines),
    ],
  };
};
