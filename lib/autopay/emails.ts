import { formatDay } from "@/lib/dates";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { formatCents } from "@/lib/money";

type TAutopayMail = {
  to: string;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  statementNumber: string;
  amountCents: number;
  chargeOn: Date;
};

const signOff = (practiceName: string) => [
  button({
    lead: 'See or change your autopay settings under "Autopay" in the portal:',
    label: "See your autopay settings",
    href: appUrl("/autopay"),
  }),
  paragraph(practiceName),
];

export const autopayReminderEmail = (m: TAutopayMail & { methodLabel: string }): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `Autopay: ${formatCents(m.amountCents)} will be charged on ${formatDay(m.chargeOn)}`,
  blocks: [
    paragraph(
      `This is a reminder that autopay will charge the balance of statement ${m.statementNumber} ` +
        `(account ${m.accountNumber}), ${formatCents(m.amountCents)} today, to ${m.methodLabel} on ${formatDay(m.chargeOn)}.`,
      "To use another method, change it on the Autopay page before then.",
    ),
    ...signOff(m.practiceName),
  ],
});

export const autopayOverLimitEmail = (m: TAutopayMail & { limitCents: number }): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `Autopay: statement ${m.statementNumber} is above your limit and will not be charged`,
  blocks: [
    paragraph(
      `The balance of statement ${m.statementNumber} (account ${m.accountNumber}) is ${formatCents(m.amountCents)}, ` +
        `above your autopay limit of ${formatCents(m.limitCents)}, so autopay will not charge it.`,
      `Please pay it another way by ${formatDay(m.chargeOn)}: on the bills page, with a payment plan, or by contacting our billing office.`,
    ),
    ...signOff(m.practiceName),
  ],
});

export const autopayDeclinedEmail = (m: TAutopayMail): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `Autopay: the charge of ${formatCents(m.amountCents)} was declined`,
  blocks: [
    paragraph(
      `Autopay could not charge ${formatCents(m.amountCents)} for statement ${m.statementNumber} ` +
        `(account ${m.accountNumber}) on ${formatDay(m.chargeOn)}. We will not try again.`,
      "Please pay it on the bills page, and check your payment method or choose another one on the Autopay page.",
    ),
    ...signOff(m.practiceName),
  ],
});
