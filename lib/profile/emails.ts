import { appUrl } from "@/lib/env";
import { PRACTICE_NAME } from "@/lib/auth/emails";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";

/** The messages the profile sends. Links in them are credentials; nothing else here is. */

const IF_NOT_YOU = () =>
  button({
    lead: "If this was not you, reset your password now and call our billing office:",
    label: "Reset your password",
    href: appUrl("/forgot-password"),
  });

export const emailChangeLinkEmail = ({ to, link }: { to: string; link: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: confirm your new email address`,
  blocks: [
    paragraph(`You asked to use this address for your ${PRACTICE_NAME} patient portal login.`),
    button({ lead: "Confirm it here:", label: "Confirm your new email address", href: link }),
    paragraph(
      "The link opens a page with a button; your login's email changes only when you press it. The link works once and expires in 24 hours. If you did not ask for this, ignore this message; nothing changes.",
    ),
  ],
});

export const emailChangeRequestedEmail = ({
  to,
  newEmail,
}: {
  to: string;
  newEmail: string;
}): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: a change of your login email was requested`,
  blocks: [
    paragraph(
      `Someone signed in to your patient portal login asked to change its email address from ${to} to ${newEmail}.`,
    ),
    paragraph("Nothing changes until the new address is confirmed from the link we sent to it."),
    IF_NOT_YOU(),
  ],
});

export const emailChangedEmail = ({ to, newEmail }: { to: string; newEmail: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: your login email was changed`,
  blocks: [
    paragraph(
      `The email address of your patient portal login was changed from ${to} to ${newEmail}. Sign in with the new address from now on; we will not write to this one again.`,
    ),
    IF_NOT_YOU(),
  ],
});

export const emailAlreadyUsedEmail = ({ to }: { to: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: this address is already used by a login`,
  blocks: [
    paragraph(
      "Someone signed in to a patient portal login asked to move it to this address. This address already belongs to a login, so nothing was changed.",
    ),
    button({ lead: "If it was you, sign in with this address:", label: "Sign in", href: appUrl("/login") }),
    button({
      lead: "Or reset its password:",
      label: "Reset your password",
      href: appUrl("/forgot-password"),
      after: "If it was not you, you can ignore this message.",
    }),
  ],
});

export const passwordChangedEmail = ({ to }: { to: string }): TEmailMessage => ({
  to,
  subject: `${PRACTICE_NAME}: your password was changed`,
  blocks: [
    paragraph(
      "The password of your patient portal login was just changed. Every other browser and device signed in to it was signed out.",
    ),
    IF_NOT_YOU(),
  ],
});
