import { button, paragraph, type TEmailMessage } from "@/lib/email/message";

/** The invitation to someone else's account (docs/email.md). The link in it is a credential. */
export const invitationEmail = ({
  to,
  practiceId,
  practiceName,
  inviterName,
  inviterFirstName,
  whose,
  ability,
  link,
}: {
  to: string;
  practiceId: string;
  practiceName: string;
  inviterName: string;
  inviterFirstName: string;
  /** "Pat Rivera's account" */
  whose: string;
  /** What the scope lets them do: "view", "view and pay", "view, pay and manage". */
  ability: string;
  link: string;
}): TEmailMessage => ({
  to,
  subject: `${inviterName} invited you to ${whose} at ${practiceName}`,
  practiceId,
  blocks: [
    paragraph(
      `${inviterName} invited you to the ${practiceName} patient portal, where you can ${ability} the bills of ${whose}.`,
    ),
    button({
      lead: "Open this link to accept (sign in, or create a login with this address first):",
      label: "Accept the invitation",
      href: link,
    }),
    paragraph(
      `This link works once and expires in 7 days. You pay with your own card or bank account; nothing of ${inviterFirstName}'s is shared with you. If you do not know ${inviterName}, ignore this message.`,
    ),
  ],
});

/**
 * To a family member whose payment plan or autopay the account's guarantor ended (docs/email.md):
 * what ended and who ended it, on which account; their own card or bank account is not charged again for it.
 */
export const arrangementEndedByGuarantorEmail = ({
  to,
  practiceId,
  practiceName,
  guarantorName,
  accountNumber,
  what,
}: {
  to: string;
  practiceId: string;
  practiceName: string;
  guarantorName: string;
  accountNumber: string;
  what: "plan" | "autopay";
}): TEmailMessage => {
  const thing = what === "plan" ? "the payment plan" : "autopay";
  const ended = what === "plan" ? "cancelled" : "turned off";
  return {
    to,
    subject: `${guarantorName} ${ended} ${thing} you set up on account ${accountNumber}`,
    practiceId,
    blocks: [
      paragraph(
        `${guarantorName}, who is responsible for account ${accountNumber} at ${practiceName}, ${ended} ${thing} you set up on it.`,
        `Your card or bank account will not be charged for it again. Payments already made stand.`,
      ),
      paragraph(practiceName),
    ],
  };
};
