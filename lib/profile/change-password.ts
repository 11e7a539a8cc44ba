import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { TActor } from "@/lib/auth/session";
import { sendEmail } from "@/lib/email/send-email";
import { recipientLocale } from "@/lib/i18n/save-locale";
import type { TRequestContext } from "@/lib/request-context";
import { passwordChangedEmail } from "@/lib/profile/emails";
import { requireCurrentPassword } from "@/lib/profile/reauthenticate";

/**
 * Changes the password of a signed-in patient who knows the current one. Bumps the user's
 * sessionVersion, which signs out every session (each request compares it with the JWT's);
 * returns the new version so the caller can carry the session that made the change over to it
 * (lib/auth/session-cookie.ts). Unused reset links stop working; the user is emailed.
 */
export const changePassword = async ({
  actor,
  currentPassword,
  newPassword,
  context,
}: {
  actor: TActor;
  currentPassword: string;
  newPassword: string;
  context: TRequestContext;
}): Promise<{ sessionVersion: number }> => {
  await requireCurrentPassword({
    actor,
    password: currentPassword,
    action: "profile.password_change",
    context,
  });
  const db = await getDb();
  const passwordHash = await hashPassword(newPassword);
  const [user] = await db.$transaction([
    db.user.update({
      where: { id: actor.userId },
      data: { passwordHash, sessionVersion: { increment: 1 }, mustChangePassword: false },
      select: { email: true, sessionVersion: true },
    }),
    db.verificationToken.updateMany({
      where: { userId: actor.userId, purpose: "RESET_PASSWORD", usedAt: null },
      data: { usedAt: new Date() },
    }),
  ]);
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "profile.password_change",
    target: { type: "User", id: actor.userId },
    context,
    metadata: { otherSessionsSignedOut: true },
  });
  await sendEmail(
    passwordChangedEmail({ to: user.email, locale: await recipientLocale({ userId: actor.userId }) }),
  );
  return { sessionVersion: user.sessionVersion };
};
