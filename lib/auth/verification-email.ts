import { appUrl } from "@/lib/env";
import { issueToken } from "@/lib/auth/tokens";
import { sendEmail } from "@/lib/email/send-email";
import { takeFromBudget } from "@/lib/rate-limit/lockout";

export const PRACTICE_NAME = "Riverside Family Medicine";

/** At most this many emails of one kind that nobody signed in asked for, to one address an hour. */
export const EMAIL_BUDGET = { max: 3, windowMs: 60 * 60_000 } as const;

export const sendVerificationEmail = async ({ userId, email }: { userId: string; email: string }) => {
  const token = await issueToken({ userId, purpose: "VERIFY_EMAIL", email });
  const link = appUrl(`/verify-email?token=${encodeURIComponent(token)}`);
  await sendEmail({
    to: email,
    subject: `${PRACTICE_NAME}: confirm your email address`,
    text: `Welcome to the ${PRACTICE_NAME} patient portal.\n\nConfirm your email address to finish setting up your login:\n${link}\n\nThis link works once and expires in 24 hours. If you did not sign up, ignore this message.`,
  });
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
  await sendEmail({
    to: email,
    subject: `${PRACTICE_NAME}: choose your own password`,
    text: `You signed in with a temporary password. Choose your own password here before you sign in again:\n${link}\n\nThis link works once and expires in 1 hour. Signing in with the temporary password again sends a new one.`,
  });
  return true;
};
