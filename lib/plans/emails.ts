import { formatDay } from "@/lib/dates";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { formatCents } from "@/lib/money";

type TPlanMail = {
  to: string;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  amountCents: number;
  dueDate: Date;
};

const signOff = (practiceName: string) => [
  button({
    lead: 'See your plan and its schedule under "Payment plans" in the portal:',
    label: "See your payment plans",
    href: appUrl("/plans"),
  }),
  paragraph(practiceName),
];

export const reminderEmail = (m: TPlanMail & { methodLabel: string }): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `Payment plan: ${formatCents(m.amountCents)} will be charged on ${formatDay(m.dueDate)}`,
  blocks: [
    paragraph(
      `This is a reminder that your payment plan installment of ${formatCents(m.amountCents)} for account ` +
        `${m.accountNumber} will be charged to ${m.methodLabel} on ${formatDay(m.dueDate)}.`,
      "To use another method, change it on the plan page before then.",
    ),
    ...signOff(m.practiceName),
  ],
});

export const declinedEmail = (m: TPlanMail & { retryOn: Date | null }): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: m.retryOn
    ? `Payment plan: your installment of ${formatCents(m.amountCents)} was declined`
    : "Payment plan: your plan is in default",
  blocks: [
    paragraph(
      `Your payment plan installment of ${formatCents(m.amountCents)} for account ${m.accountNumber}, due ` +
        `${formatDay(m.dueDate)}, could not be charged.`,
      m.retryOn
        ? `We will try again on ${formatDay(m.retryOn)}. To avoid another decline, check your payment method or choose another one on the plan page.`
        : "This was the last attempt, so the plan is now in default and the remaining balance is due. Please pay it on the bills page or contact our billing office.",
    ),
    ...signOff(m.practiceName),
  ],
});

/**
 * The agreement of a plan staff set up for the patient (in person or by phone), as the patient
 * accepted it: the stored text and its version, so the patient has it in writing.
 */
export const agreementEmail = (m: {
  to: string;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  agreedVia: "IN_PERSON" | "PHONE";
  agreedOn: string;
  agreementVersion: string;
  agreementText: string;
  hasLogin: boolean;
}): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `Your payment plan agreement with ${m.practiceName}`,
  blocks: [
    paragraph(
      `Our billing office set up a payment plan for account ${m.accountNumber} with you ` +
        `${m.agreedVia === "PHONE" ? "by phone" : "in person"} on ${m.agreedOn}. ` +
        `This is the agreement you accepted (version ${m.agreementVersion}); please keep it.`,
    ),
    { kind: "quote", text: m.agreementText },
    paragraph(`If you did not agree to this plan, contact ${m.practiceName} at once.`),
    ...(m.hasLogin ? signOff(m.practiceName) : [paragraph(m.practiceName)]),
  ],
});
