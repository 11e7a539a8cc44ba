import { appUrl } from "@/lib/env";
import { PRACTICE_NAME } from "@/lib/auth/verification-email";
import type { TEmail } from "@/lib/email/send-email";

/** The messages the profile sends. Links in them are credentials; nothing else here is. */

const IF_NOT_YOU = () =>
  `If this was not you, reset your password now at ${appUrl("/forgot-password")} and call our billing office.`;

export const emailChangeLinkEmail = ({ to, link }: { to: string; link: string }): TEmail => ({
  to,
  subject: `${PRACTICE_NAME}: confirm your new email address`,
  text: `You asked to use this address for your ${PRACTICE_NAME} patient portal login.\n\nConfirm it here:\n${link}\n\nThe link opens a page with a button; your login's email changes only when you press it. The link works once and expires in 24 hours. If you did not ask for this, ignore this message; nothing changes.`,
});

export const emailChangeRequestedEmail = ({ to, newEmail }: { to: string; newEmail: string }): TEmail => ({
  to,
  subject: `${PRACTICE_NAME}: a change of your login email was requested`,
  text: `Someone signed in to your patient portal login asked to change its email address from ${to} to ${newEmail}.\n\nNothing changes until the new address is confirmed from the link we sent to it.\n\n${IF_NOT_YOU()}`,
});

export const emailChangedEmail = ({ to, newEmail }: { to: string; newEmail: string }): TEmail => ({
  to,
  subject: `${PRACTICE_NAME}: your login email was changed`,
  text: `The email address of your patient portal login was changed from ${to} to ${newEmail}. Sign in with the new address from now on; we will not write to this one again.\n\n${IF_NOT_YOU()}`,
});

export const emailAlreadyUsedEmail = ({ to }: { to: string }): TEmail => ({
  to,
  subject: `${PRACTICE_NAME}: this address is already used by a login`,
  text: `Someone signed in to a patient portal login asked to move it to this address. This address already belongs to a login, so nothing was changed.\n\nIf it was you, sign in with this address at ${appUrl("/login")} (or reset its password at ${appUrl("/forgot-password")}). If it was not you, you can ignore this message.`,
});

export const passwordChangedEmail = ({ to }: { to: string }): TEmail => ({
  to,
  subject: `${PRACTICE_NAME}: your password was changed`,
  text: `The password of your patient portal login was just changed. Every other browser and device signed in to it was signed out.\n\n${IF_NOT_YOU()}`,
});
