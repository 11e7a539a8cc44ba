import "server-only";
import { PROFILE_ERRORS, PROFILE_VALUE_MESSAGES } from "@/lib/profile/messages";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import { normalizeEmail } from "@/lib/auth/sign-in";
import { consumeToken, issueToken } from "@/lib/auth/tokens";
import { EMAIL_BUDGET } from "@/lib/auth/verification-email";
import { sendEmail } from "@/lib/email/send-email";
import { recipientLocale } from "@/lib/i18n/save-locale";
import { takeFromBudget } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";
import {
  emailAlreadyUsedEmail,
  emailChangedEmail,
  emailChangeLinkEmail,
  emailChangeRequestedEmail,
} from "@/lib/profile/emails";
import { requireCurrentPassword } from "@/lib/profile/reauthenticate";

export const CHANGE_EMAIL_LINK_INVALID =
  "This link is invalid, has expired or was already used. Ask for a new one on your profile.";

/**
 * Starts a change of the login's email: the current password is checked again, a single-use
 * link (24 hours, stored hashed) goes to the new address, and the current address is told.
 * The email changes only when the link is confirmed (confirmEmailChange).
 *
 * An address that already belongs to another login gets the same answer, so the portal does
 * not tell a signed-in patient which addresses have logins: its owner is emailed instead
 * (budgeted like the sign-up notice), and a token is still issued but never sent, so the
 * profile shows the same "waiting for confirmation" either way.
 */
export const requestEmailChange = async ({
  actor,
  newEmail: rawNewEmail,
  currentPassword,
  context,
}: {
  actor: TActor;
  newEmail: string;
  currentPassword: string;
  context: TRequestContext;
}) => {
  const newEmail = normalizeEmail(rawNewEmail);
  if (newEmail === actor.email) {
    const userMessage = PROFILE_ERRORS.sameEmail;
    throw new AppError("VALIDATION", { userMessage, fieldErrors: { newEmail: [userMessage] } });
  }
  const action = "profile.email_change_request";
  await requireCurrentPassword({ actor, password: currentPassword, action, context });
  const audit = (outcome: "SUCCESS" | "FAILURE", metadata: Record<string, string | boolean>) =>
    recordAudit({
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      action,
      outcome,
      target: { type: "User", id: actor.userId },
      context,
      metadata: { from: actor.email, to: newEmail, ...metadata },
    });

  if (!(await takeFromBudget({ bucket: "mail:change-email", key: actor.userId, ...EMAIL_BUDGET }))) {
    await audit("FAILURE", { reason: "throttled" });
    throw new AppError("RATE_LIMITED", {
      userMessage: PROFILE_ERRORS.emailChangeLimited,
    });
  }

  const db = await getDb();
  const locale = await recipientLocale({ userId: actor.userId });
  const isTaken = (await db.user.findUnique({ where: { email: newEmail }, select: { id: true } })) !== null;
  // Issued either way (it also withdraws an earlier pending change); sent only to a free address.
  const token = await issueToken({ userId: actor.userId, purpose: "CHANGE_EMAIL", email: newEmail });
  if (isTaken) {
    const mayMail = await takeFromBudget({ bucket: "mail:account", key: newEmail, ...EMAIL_BUDGET });
    // To the other login's owner, in their language.
    if (mayMail) {
      await sendEmail(
        emailAlreadyUsedEmail({ to: newEmail, locale: await recipientLocale({ email: newEmail }) }),
      );
    }
    await audit("FAILURE", { reason: "email_taken", ...(mayMail ? {} : { emailThrottled: true }) });
  } else {
    const link = appUrl(`/confirm-email?token=${encodeURIComponent(token)}`);
    await sendEmail(emailChangeLinkEmail({ to: newEmail, link, locale }));
    await audit("SUCCESS", {});
  }
  await sendEmail(emailChangeRequestedEmail({ to: actor.email, newEmail, locale }));
  return { newEmail };
};

/**
 * Confirms a change of email from the emailed link (a button on the page the link opens; a
 * mail scanner that only opens the link changes nothing). The new address becomes the login
 * and counts as verified; links sent to the old address (password reset, verification) stop
 * working; the old address is told.
 */
export const confirmEmailChange = async ({ token, context }: { token: string; context: TRequestContext }) => {
  const row = await consumeToken({ token, purpose: "CHANGE_EMAIL" });
  if (!row) throw new AppError("TOKEN_INVALID", { userMessage: CHANGE_EMAIL_LINK_INVALID });
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: row.userId },
    select: { id: true, email: true, role: true, disabledAt: true },
  });
  if (!user || user.disabledAt)
    throw new AppError("TOKEN_INVALID", { userMessage: CHANGE_EMAIL_LINK_INVALID });
  const newEmail = row.email;
  const audit = (outcome: "SUCCESS" | "FAILURE", metadata: Record<string, string> = {}) =>
    recordAudit({
      actor: { kind: "user", userId: user.id, role: user.role, label: user.email },
      action: "profile.email_change",
      outcome,
      target: { type: "User", id: user.id },
      context,
      metadata: { from: user.email, to: newEmail, ...metadata },
    });
  const taken = () => {
    return new AppError("EMAIL_TAKEN", {
      userMessage: PROFILE_VALUE_MESSAGES.emailNowTaken(newEmail),
    });
  };
  const owner = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (owner && owner.id !== user.id) {
    await audit("FAILURE", { reason: "email_taken" });
    throw taken();
  }
  try {
    await db.$transaction([
      db.user.update({ where: { id: user.id }, data: { email: newEmail, emailVerifiedAt: new Date() } }),
      // Links that went to the old address stop working.
      db.verificationToken.updateMany({
        where: { userId: user.id, purpose: { in: ["RESET_PASSWORD", "VERIFY_EMAIL"] }, usedAt: null },
        data: { usedAt: new Date() },
      }),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await audit("FAILURE", { reason: "email_taken" });
    throw taken();
  }
  await audit("SUCCESS");
  await sendEmail(
    emailChangedEmail({ to: user.email, newEmail, locale: await recipientLocale({ userId: user.id }) }),
  );
  return { email: newEmail };
};

/** Withdraws a pending change: its link stops working. */
export const cancelEmailChange = async ({ actor, context }: { actor: TActor; context: TRequestContext }) => {
  const db = await getDb();
  const { count } = await db.verificationToken.updateMany({
    where: { userId: actor.userId, purpose: "CHANGE_EMAIL", usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count > 0) {
    await recordAudit({
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      action: "profile.email_change_cancel",
      target: { type: "User", id: actor.userId },
      context,
    });
  }
};
