import type { Role } from "@/lib/generated/prisma/enums";
import { isStaffRole } from "@/lib/auth/permissions";

/**
 * What a session still owes before it is signed in: nothing, a second step ("code": the page
 * that takes a TOTP code, a recovery code or a passkey), or enrolment (a staff member with no
 * second factor at all: staff must have one).
 */
export type TSecondFactorOwed = "none" | "code" | "enrol";

/**
 * Whether a user has a second factor. For staff a registered passkey counts as one, as TOTP
 * does: a staff member with only a passkey is enrolled, and signs in with the password, then the
 * passkey. A patient's two-step sign-in is the switch on the profile (TOTP); a patient's passkey
 * alone signs in without a password but does not turn on a second step after the password (it
 * would lock out a patient who loses the device: patients get recovery codes only with TOTP).
 */
export const hasSecondFactor = (user: { hasTotp: boolean; hasPasskey: boolean; role: Role }) =>
  user.hasTotp || (user.hasPasskey && isStaffRole(user.role));

export const secondFactorOwed = (session: {
  secondFactorAt: Date | null;
  hasTotp: boolean;
  hasPasskey: boolean;
  role: Role;
}): TSecondFactorOwed =>
  session.secondFactorAt
    ? "none"
    : hasSecondFactor(session)
      ? "code"
      : isStaffRole(session.role)
        ? "enrol"
        : "none";

/** How long a second-factor check counts for refunds and user changes (step-up). */
export const STEP_UP_MAX_AGE_MS = 15 * 60_000;

/** Whether a session's last second-factor check is recent enough for a refund or a user change. */
export const isSecondFactorRecent = (secondFactorAt: Date | null, now: Date) =>
  secondFactorAt !== null && now.getTime() - secondFactorAt.getTime() <= STEP_UP_MAX_AGE_MS;

/**
 * Whether removing one passkey would leave a staff member with no second factor (refused: staff
 * must keep one). A patient may remove any passkey: it is never the patient's only way in.
 */
export const isRemovalOfLastFactor = (user: { role: Role; hasTotp: boolean; otherPasskeys: number }) =>
  isStaffRole(user.role) && !user.hasTotp && user.otherPasskeys === 0;
