import "server-only";
import { cache } from "react";
import { readSessionClaims } from "@/lib/auth/session-token";
import { sessionOfClaims, type TSessionUser } from "@/lib/auth/user-session";
import { actingPatient, actingStaff } from "@/lib/audit/actor";
import { AppError, SIGN_IN_AGAIN_MESSAGE } from "@/lib/errors";
import { hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { staffPracticeId } from "@/lib/practice";
import { getClock } from "@/lib/clock";
import { isSecondFactorRecent, secondFactorOwed } from "@/lib/auth/mfa/policy";
import { recordAudit } from "@/lib/audit/record";
import { STEP_UP_MESSAGE } from "@/lib/auth/auth-messages";
import { getRequestContext } from "@/lib/request-context";
import { annotateRequest } from "@/lib/log";

export type TActor = { userId: string; email: string; role: Role; name: string };

/**
 * A staff member with the practice they work for: every staff read and change is scoped by
 * `practiceId` (another practice's record is the same NOT_FOUND as a missing one).
 */
export type TStaffActor = TActor & { practiceId: string };

/** The practice of a staff member, read once per request (the layout and the page both ask). */
export const practiceOfStaff = cache(staffPracticeId);

/** A staff member as a TStaffActor (the caller has checked the role). */
export const withPractice = async (actor: TActor): Promise<TStaffActor> => ({
  ...actor,
  practiceId: await practiceOfStaff(actor.userId),
});

/**
 * The session of this request, whether or not its second factor has passed: the session the
 * cookie names must still be good on the server (lib/auth/user-session.ts: not signed out, idle
 * or too old, of a user who is not disabled and has not changed the password since), and the
 * user is re-read from the database. Only the second-factor pages use it as such; everything
 * else asks getActor.
 *
 * The cookie is read directly (lib/auth/session-token.ts), not through next-auth's
 * `getServerSession`, which would also re-encrypt a cookie that pages cannot set; next-auth
 * still issues and renews it (sign-in, and the browser's keepalive of /api/auth/session, whose
 * jwt callback runs the same server-side check).
 */
export const getSession = cache(async (): Promise<TSessionUser | null> => {
  const claims = await readSessionClaims();
  if (!claims) return null;
  const user = await sessionOfClaims(claims);
  // The request's log line names the signed-in user by id (never a name or an email).
  if (user) annotateRequest({ userId: user.userId });
  return user;
});

export { secondFactorOwed, type TSecondFactorOwed } from "@/lib/auth/mfa/policy";

/**
 * The guard of the second-factor pages' actions: a good session, whether or not its second
 * factor has passed yet (that is what those actions are for), as the user the second-factor use
 * cases take (lib/auth/mfa/second-factor.ts).
 */
export const requireSession = async () => {
  const session = await getSession();
  if (!session) throw new AppError("UNAUTHENTICATED", { userMessage: SIGN_IN_AGAIN_MESSAGE });
  return { sessionId: session.sessionId, userId: session.userId, email: session.email, role: session.role };
};

/**
 * The signed-in user of this request: a good session (getSession) that owes no second factor.
 * A session between its password and its code is nobody yet, to every page, action and route.
 */
export const getActor = cache(async (): Promise<TActor | null> => {
  const user = await getSession();
  if (!user || secondFactorOwed(user) !== "none") return null;
  return { userId: user.userId, email: user.email, role: user.role, name: user.name };
});

export const requireActor = async (): Promise<TActor> => {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", { userMessage: SIGN_IN_AGAIN_MESSAGE });
  return actor;
};

export const requirePatient = async (): Promise<TActor> => {
  const actor = await requireActor();
  if (actor.role !== "PATIENT") throw new AppError("FORBIDDEN", { userMessage: "This is for patients." });
  return actor;
};

/** Staff with `permission`, with their practice (TStaffActor), or FORBIDDEN. */
export const requireStaff = async (permission?: TPermission): Promise<TStaffActor> => {
  const actor = await requireActor();
  if (!isStaffRole(actor.role) || (permission && !hasPermission(actor.role, permission))) {
    throw new AppError("FORBIDDEN", { userMessage: "You do not have access to this." });
  }
  return withPractice(actor);
};

/** Whether this request's session passed its second factor within 15 minutes (pages offer the step-up). */
export const hasRecentSecondFactor = async () => {
  const session = await getSession();
  return session !== null && isSecondFactorRecent(session.secondFactorAt, getClock().now());
};

/**
 * Step-up: the actor's session passed its second factor within 15 minutes, else
 * STEP_UP_REQUIRED (audited, with what was asked for; the page offers /mfa?callbackUrl=…).
 */
const requireStepUp = async (actor: TActor, metadata: Record<string, string>) => {
  const session = await getSession();
  if (!session || !isSecondFactorRecent(session.secondFactorAt, getClock().now())) {
    await recordAudit({
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      action: "mfa.step_up_required",
      outcome: "DENIED",
      context: await getRequestContext(),
      metadata,
    });
    throw new AppError("STEP_UP_REQUIRED", { userMessage: STEP_UP_MESSAGE });
  }
};

/**
 * Step-up, for the guards of refunds and user changes (anything under users.manage): staff with
 * `permission` whose session passed its second factor within 15 minutes, else STEP_UP_REQUIRED
 * (the page offers the code page: /mfa?callbackUrl=…). Checked here, on the server, in the action.
 */
export const requireStaffWithStepUp = async (permission: TPermission): Promise<TStaffActor> => {
  const actor = await requireStaff(permission);
  await requireStepUp(actor, { permission });
  return actor;
};

/**
 * The guard of a change to one's own second factors (removing a passkey): anyone signed in, and
 * staff only with a step-up within 15 minutes, like their other security changes.
 */
export const requireActorWithStaffStepUp = async (change: string): Promise<TActor> => {
  const actor = await requireActor();
  if (isStaffRole(actor.role)) await requireStepUp(actor, { change });
  return actor;
};

/** The guard of a patient's own action on an arrangement (a plan, autopay): the patient, as the one acting. */
export const requireActingPatient = async () => actingPatient(await requirePatient());

/**
 * The guard of billing staff acting on a patient's arrangement: staff with `permission`, checked
 * here, as the one acting (every change is audited as theirs).
 */
export const requireActingStaff = async (permission: TPermission) =>
  actingStaff(await requireStaff(permission));
