import { formatDay } from "@/lib/dates";
import { formatCents } from "@/lib/money";
import type { TEmail } from "@/lib/email/send-email";

type TAutopayMail = {
  to: string;
  practiceName: string;
  accountNumber: string;
  statementNumber: string;
  amountCents: number;
  chargeOn: Date;
};

const signOff = (practiceName: string) =>
  `\nSee or change your autopay settings under "Autopay" in the portal.\n\n${practiceName}`;

export const autopayReminderEmail = (m: TAutopayMail & { methodLabel: string }): TEmail => ({
  to: m.to,
  subject: `Autopay: ${formatCents(m.amountCents)} will be charged on ${formatDay(m.chargeOn)}`,
  text:
    `This is a reminder that autopay will charge the balance of statement ${m.statementNumber} ` +
    `(account ${m.accountNumber}), ${formatCents(m.amountCents)} today, to ${m.methodLabel} on ${formatDay(m.chargeOn)}.\n` +
    "To use another method, change it on the Autopay page before then.\n" +
    signOff(m.practiceName),
});

export const autopayOverLimitEmail = (m: TAutopayMail & { limitCents: number }): TEmail => ({
  to: m.to,
  subject: `Autopay: statement ${m.statementNumber} is above your limit and will not be charged`,
  text:
    `The balance of statement ${m.statementNumber} (account ${m.accountNumber}) is ${formatCents(m.amountCents)}, ` +
    `above your autopay limit of ${formatCents(m.limitCents)}, so autopay will not charge it.\n` +
    `Please pay it another way by ${formatDay(m.chargeOn)}: on the bills page, with a payment plan, or by contacting our billing office.\n` +
    signOff(m.practiceName),
});

export const autopayDeclinedEmail = (m: TAutopayMail): TEmail => ({
  to: m.to,
  subject: `Autopay: the charge of ${formatCents(m.amountCents)} was declined`,
  text:
    `Autopay could not charge ${formatCents(m.amountCents)} for statement ${m.statementNumber} ` +
    `(account ${m.accountNumber}) on ${formatDay(m.chargeOn)}. We will not try again.\n` +
    "Please pay it on the bills page, and check your payment method or choose another one on the Autopay page.\n" +
    signOff(m.practiceName),
});
