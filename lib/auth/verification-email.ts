import { appUrl } from "@/lib/env";
import { issueToken } from "@/lib/auth/tokens";
import { choosePasswordEmail, verificationEmail } from "@/lib/auth/emails";
import { sendEmail } from "@/lib/email/send-email";
import { recipientLocale } from "@/lib/i18n/save-locale";
import { takeFromBudget } from "@/lib/rate-limit/lockout";

/** At most this many emails of one kind that nobody signed in asked for, to one address an hour. */
export const EMAIL_BUDGET = { max: 3, windowMs: 60 * 60_000 } as const;

/**
 * Emails a verification link. `callbackUrl`, a path of ours already checked by safeCallbackUrl
 * (the invitation a new patient signed up from), rides along, so the confirmation page sends
 * them to sign in and back there.
 */
export const sendVerificationEmail = async ({
  userId,
  email,
  callbackUrl = "",
}: {
  userId: string;
  email: string;
  callbackUrl?: string;
}) => {
  const token = await issueToken({ userId, purpose: "VERIFY_EMAIL", email });
  const back = callbackUrl && callbackUrl !== "/" ? `&callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
  const link = appUrl(`/verify-email?token=${encodeURIComponent(token)}${back}`);
  await sendEmail(verificationEmail({ to: email, link, locale: await recipientLocale({ userId }) }));
};

/**
 * A new verification link for someone who proved the password but never confirmed the
 * address (the first link expired or got lost). Budgeted; returns whether one was sent.
 */
export const resendVerificationEmail = async ({ userId, email }: { userId: string; email: string }) => {
  if (!(await takeFromBudget({ bucket: "mail:verify", key: email, ...EMAIL_BUDGET }))) return false;
  await sendVerificationEmail({ userId, email });
  return true;
};

/**
 * A reset link for someone who proved a temporary password (a staff CSV import) that must be
 * changed before they sign in. Budgeted like a reset request; returns whether one was sent.
 */
export const sendPasswordChangeLink = async ({ userId, email }: { userId: string; email: string }) => {
  if (!(await takeFromBudget({ bucket: "mail:reset", key: email, ...EMAIL_BUDGET }))) return false;
  const token = await issueToken({ userId, purpose: "RESET_PASSWORD", email });
  const link = appUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  await sendEmail(choosePasswordEmail({ to: email, link, locale: await recipientLocale({ userId }) }));
  return true;
};
