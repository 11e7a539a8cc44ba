import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { sessionOfClaims } from "@/lib/auth/user-session";
import { actingPatient, actingStaff } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { staffPracticeId } from "@/lib/practice";

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
 * The signed-in user of this request: the session the cookie names must still be good on the
 * server (lib/auth/user-session.ts: not signed out, idle or too old, of a user who is not
 * disabled and has not changed the password since), and the user is re-read from the database.
 */
export const getActor = cache(async (): Promise<TActor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  const user = await sessionOfClaims({ sid: session.sid, uid: session.user.id, sv: session.sv });
  if (!user) return null;
  return { userId: user.userId, email: user.email, role: user.role, name: user.name };
});

export const requireActor = async (): Promise<TActor> => {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in again." });
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

/** The guard of a patient's own action on an arrangement (a plan, autopay): the patient, as the one acting. */
export const requireActingPatient = async () => actingPatient(await requirePatient());

/**
 * The guard of billing staff acting on a patient's arrangement: staff with `permission`, checked
 * here, as the one acting (every change is audited as theirs).
 */
export const requireActingStaff = async (permission: TPermission) =>
  actingStaff(await requireStaff(permission));
