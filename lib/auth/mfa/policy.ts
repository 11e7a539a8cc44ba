import type { Role } from "@/lib/generated/prisma/enums";
import { isStaffRole } from "@/lib/auth/permissions";

/**
 * What a session still owes before it is signed in: nothing, a TOTP code (the user has TOTP and
 * this session has not passed it), or enrolment (a staff member without TOTP: staff must have it).
 */
export type TSecondFactorOwed = "none" | "code" | "enrol";

export const secondFactorOwed = (session: {
  secondFactorAt: Date | null;
  hasTotp: boolean;
  role: Role;
}): TSecondFactorOwed =>
  session.secondFactorAt ? "none" : session.hasTotp ? "code" : isStaffRole(session.role) ? "enrol" : "none";

/** How long a second-factor check counts for refunds and user changes (step-up). */
export const STEP_UP_MAX_AGE_MS = 15 * 60_000;

/** Whether a session's last second-factor check is recent enough for a refund or a user change. */
export const isSecondFactorRecent = (secondFactorAt: Date | null, now: Date) =>
  secondFactorAt !== null && now.getTime() - secondFactorAt.getTime() <= STEP_UP_MAX_AGE_MS;
