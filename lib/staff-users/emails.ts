import { PRACTICE_NAME } from "@/lib/auth/emails";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";

/** The messages to staff about their logins (docs/email.md). Links in them are credentials. */

export const staffInvitationEmail = (m: {
  to: string;
  practiceId: string;
  firstName: string;
  roleLabel: string;
  link: string;
}): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `${PRACTICE_NAME}: your invitation to the billing console`,
  blocks: [
    paragraph(`Hello ${m.firstName},`),
    paragraph(`You have been invited to ${PRACTICE_NAME}'s billing console as ${m.roleLabel.toLowerCase()}.`),
    button({ lead: "Choose your password here:", label: "Choose your password", href: m.link }),
    paragraph("This link works once and expires in 72 hours. If you did not expect it, ignore this message."),
  ],
});

export const staffPasswordResetEmail = (m: {
  to: string;
  practiceId: string;
  firstName: string;
  link: string;
}): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `${PRACTICE_NAME}: choose a new password`,
  blocks: [
    paragraph(`Hello ${m.firstName},`),
    paragraph(
      `An administrator of ${PRACTICE_NAME}'s billing console has asked you to choose a new password. Your old password no longer works.`,
    ),
    button({ lead: "Choose a new password here:", label: "Choose a new password", href: m.link }),
    paragraph(
      'This link works once and expires in 1 hour. On the sign-in page, "Forgot your password?" sends a new one.',
    ),
  ],
});
