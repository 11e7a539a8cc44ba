import "server-only";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { appUrl } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { consumeToken, issueToken } from "@/lib/auth/tokens";
import { normalizeEmail } from "@/lib/auth/sign-in";
import { addressTakenEmail, resetPasswordEmail } from "@/lib/auth/emails";
import { sendEmail } from "@/lib/email/send-email";
import { recipientLocale } from "@/lib/i18n/save-locale";
import { recordAudit } from "@/lib/audit/record";
import { takeFromBudget } from "@/lib/rate-limit/lockout";
import { EMAIL_BUDGET, sendVerificationEmail } from "@/lib/auth/verification-email";
import { AUTH_MESSAGES } from "@/lib/auth/auth-messages";
import { AppError } from "@/lib/errors";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import type { TRequestContext } from "@/lib/request-context";

export type TSignUpOptions = {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  /**
   * Where the new patient goes after confirming the address and signing in (the invitation they
   * came from): carried in the verification link, only if it is a path of ours (safeCallbackUrl).
   */
  callbackUrl?: string;
  context: TRequestContext;
};

/** Sign-ups from one client address an hour: a family or a front-desk kiosk, not a script. */
export const SIGN_UPS_PER_IP = { max: 10, windowMs: 60 * 60_000 } as const;

export const SIGN_UP_RATE_LIMITED =
  "Too many sign-ups from your network in the last hour. Please try again later, or call our billing office.";

/**
 * Creates an unverified patient login and emails a verification link. When the address is
 * already registered, the owner gets an email saying so instead, and the caller sees the
 * same answer either way (no account enumeration). Budgeted (lib/rate-limit) per client address
 * (SIGN_UPS_PER_IP) and per target address (EMAIL_BUDGET: nobody can make the portal flood a
 * mailbox with verification links or "someone tried" notices); a sign-up over the address's
 * budget answers the same as any other and sends nothing.
 */
export const signUp = async ({
  firstName,
  lastName,
  email: rawEmail,
  password,
  callbackUrl,
  context,
}: TSignUpOptions) => {
  const db = await getDb();
  const email = normalizeEmail(rawEmail);
  if (context.ip && !(await takeFromBudget({ bucket: "signup:ip", key: context.ip, ...SIGN_UPS_PER_IP }))) {
    await recordAudit({
      actor: { kind: "anonymous", label: email },
      action: "auth.sign_up",
      outcome: "DENIED",
      context,
      metadata: { reason: "rate_limited" },
    });
    throw new AppError("RATE_LIMITED", { userMessage: SIGN_UP_RATE_LIMITED });
  }
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  // Hash in both branches, so the answer takes as long whether or not the address is taken.
  const passwordHash = await hashPassword(password);
  if (existing) return tellOwnerOfTakenAddress({ email, context });
  let user: { id: string };
  try {
    user = await db.user.create({
      data: { email, passwordHash, firstName: firstName.trim(), lastName: lastName.trim(), role: "PATIENT" },
      select: { id: true },
    });
  } catch (error) {
    // Two sign-ups for one address at once: the other made the login; this one is "taken".
    if (!isUniqueViolation(error)) throw error;
    return tellOwnerOfTakenAddress({ email, context });
  }
  const isWithinBudget = await takeFromBudget({ bucket: "mail:verify", key: email, ...EMAIL_BUDGET });
  if (isWithinBudget) {
    await sendVerificationEmail({ userId: user.id, email, callbackUrl: safeCallbackUrl(callbackUrl, "") });
  }
  await recordAudit({
    actor: { kind: "user", userId: user.id, role: "PATIENT", label: email },
    action: "auth.sign_up",
    context,
    ...(isWithinBudget ? {} : { metadata: { emailThrottled: true } }),
  });
};

/** A sign-up with a registered address: its owner hears of it (budgeted), the caller sees nothing different. */
const tellOwnerOfTakenAddress = async ({ email, context }: { email: string; context: TRequestContext }) => {
  const isWithinBudget = await takeFromBudget({ bucket: "mail:account", key: email, ...EMAIL_BUDGET });
  if (isWithinBudget) {
    await sendEmail(addressTakenEmail({ to: email, locale: await recipientLocale({ email }) }));
  }
  await recordAudit({
    actor: { kind: "anonymous", label: email },
    action: "auth.sign_up",
    outcome: "FAILURE",
    context,
    metadata: { reason: "email_taken", ...(isWithinBudget ? {} : { emailThrottled: true }) },
  });
};

export const verifyEmail = async ({ token, context }: { token: string; context: TRequestContext }) => {
  const row = await consumeToken({ token, purpose: "VERIFY_EMAIL" });
  if (!row)
    throw new AppError("TOKEN_INVALID", {
      userMessage: AUTH_MESSAGES.verifyLinkInvalid,
    });
  const db = await getDb();
  const user = await db.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } });
  await recordAudit({
    actor: { kind: "user", userId: user.id, role: user.role, label: user.email },
    action: "auth.verify_email",
    context,
  });
};

/** Always answers the same; emails a reset link only when the address has a login. */
export const requestPasswordReset = async ({
  email: rawEmail,
  context,
}: {
  email: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const email = normalizeEmail(rawEmail);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, disabledAt: true },
  });
  await recordAudit({
    actor: user
      ? { kind: "user", userId: user.id, role: user.role, label: email }
      : { kind: "anonymous", label: email },
    action: "auth.password_reset_requested",
    outcome: user ? "SUCCESS" : "FAILURE",
    context,
  });
  if (!user || user.disabledAt) return;
  // The answer is the same when throttled; the mailbox is not flooded.
  if (!(await takeFromBudget({ bucket: "mail:reset", key: email, ...EMAIL_BUDGET }))) return;
  const token = await issueToken({ userId: user.id, purpose: "RESET_PASSWORD", email });
  const link = appUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  await sendEmail(
    resetPasswordEmail({ to: email, link, locale: await recipientLocale({ userId: user.id }) }),
  );
};

/** Sets a new password from an emailed link and signs out every existing session. */
export const resetPassword = async ({
  token,
  password,
  context,
}: {
  token: string;
  password: string;
  context: TRequestContext;
}) => {
  const row = await consumeToken({ token, purpose: "RESET_PASSWORD" });
  if (!row)
    throw new AppError("TOKEN_INVALID", {
      userMessage: AUTH_MESSAGES.resetLinkInvalid,
    });
  const db = await getDb();
  const user = await db.user.update({
    where: { id: row.userId },
    data: {
      passwordHash: await hashPassword(password),
      sessionVersion: { increment: 1 },
      // Following the emailed link proves control of the address.
      emailVerifiedAt: new Date(),
      mustChangePassword: false,
    },
  });
  await recordAudit({
    actor: { kind: "user", userId: user.id, role: user.role, label: user.email },
    action: "auth.password_reset",
    context,
  });
};
