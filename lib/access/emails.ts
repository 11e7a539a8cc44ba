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
