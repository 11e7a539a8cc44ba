import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";

/** The name the sign-in and account emails give the portal. */
export const PRACTICE_NAME = "Riverside Family Medicine";

/** The messages about a login (docs/email.md). Links in them are credentials. */

export const verificationEmail = ({ to, link }: { to: string; link: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: confirm your email address`,
  blocks: [
    paragraph(`Welcome to the ${PRACTICE_NAME} patient portal.`),
    button({
      lead: "Confirm your email address to finish setting up your login:",
      label: "Confirm your email address",
      href: link,
    }),
    paragraph("This link works once and expires in 24 hours. If you did not sign up, ignore this message."),
  ],
});

export const choosePasswordEmail = ({ to, link }: { to: string; link: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: choose your own password`,
  blocks: [
    button({
      lead: "You signed in with a temporary password. Choose your own password here before you sign in again:",
      label: "Choose your password",
      href: link,
    }),
    paragraph(
      "This link works once and expires in 1 hour. Signing in with the temporary password again sends a new one.",
    ),
  ],
});

export const addressTakenEmail = ({ to }: { to: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: someone tried to sign up with your email`,
  blocks: [
    paragraph("Someone tried to create a new patient portal login with this address, which already has one."),
    button({ lead: "If it was you, sign in:", label: "Sign in", href: appUrl("/login") }),
    button({
      lead: "Or, if you forgot it, reset your password:",
      label: "Reset your password",
      href: appUrl("/forgot-password"),
    }),
    paragraph("If it was not you, you can ignore this message."),
  ],
});

export const resetPasswordEmail = ({ to, link }: { to: string; link: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: reset your password`,
  blocks: [
    paragraph("We received a request to reset the password of your patient portal login."),
    button({ lead: "Choose a new password here:", label: "Choose a new password", href: link }),
    paragraph(
      "This link works once and expires in 1 hour. If you did not ask for it, ignore this message; your password stays the same.",
    ),
  ],
});
