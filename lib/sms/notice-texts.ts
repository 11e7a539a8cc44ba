import { formatDay } from "@/lib/dates";
import { formatCents } from "@/lib/money";

/**
 * The plan and autopay notices a patient may get by text as well as by email (docs/sms.md):
 * short and plain, in the practice's name, with the amount, the account and the day, never a
 * card or bank number, and how to stop them.
 */
export type TSmsNotice =
  | { kind: "PLAN_REMINDER"; accountNumber: string; amountCents: number; dueDate: Date }
  | { kind: "PLAN_DECLINED"; accountNumber: string; amountCents: number; retryOn: Date | null }
  | { kind: "AUTOPAY_REMINDER"; accountNumber: string; amountCents: number; chargeOn: Date }
  | { kind: "AUTOPAY_DECLINED"; accountNumber: string; amountCents: number };

export type TSmsNoticeKind = TSmsNotice["kind"];

const STOP = "Reply STOP to opt out.";

/** The words of a notice, from the practice named. */
export const noticeText = (notice: TSmsNotice, practiceName: string) => {
  const amount = formatCents(notice.amountCents);
  const account = `account ${notice.accountNumber}`;
  switch (notice.kind) {
    case "PLAN_REMINDER":
      return `${practiceName}: your payment plan installment of ${amount} for ${account} will be charged on ${formatDay(notice.dueDate)}. ${STOP}`;
    case "PLAN_DECLINED":
      return notice.retryOn
        ? `${practiceName}: your payment plan installment of ${amount} for ${account} was declined. We will try again on ${formatDay(notice.retryOn)}; please check your payment method. ${STOP}`
        : `${practiceName}: your payment plan installment of ${amount} for ${account} was declined again, so the plan is in default. Please pay the balance or call us. ${STOP}`;
    case "AUTOPAY_REMINDER":
      return `${practiceName}: autopay will charge ${amount} for ${account} on ${formatDay(notice.chargeOn)}. ${STOP}`;
    case "AUTOPAY_DECLINED":
      return `${practiceName}: autopay could not charge ${amount} for ${account}, and will not try again. Please pay it in the portal. ${STOP}`;
  }
};
