import type { TAuditActor } from "@/lib/audit/record";
import type { Role } from "@/lib/generated/prisma/enums";

/** A staff role (lib/auth/permissions.ts has the same set, STAFF_ROLES; lib/audit may not import lib/auth). */
type TStaffRole = Exclude<Role, "PATIENT">;

/**
 * Who acts on a patient's arrangement (a plan, an autopay enrolment): the patient it belongs to,
 * or billing staff of the practice acting for the patient (their permission is checked by the
 * action or page; what they reach is scoped by `practiceId`).
 */
export type TActingUser =
  | { kind: "patient"; userId: string; email: string }
  | { kind: "staff"; userId: string; email: string; role: TStaffRole; practiceId: string };

export type TActingPatient = Extract<TActingUser, { kind: "patient" }>;
export type TActingStaff = Extract<TActingUser, { kind: "staff" }>;

const staffRole = (role: Role): TStaffRole => {
  if (role === "PATIENT") throw new Error(`not a staff role: ${role}`);
  return role;
};

/** A signed-in user as the patient acting (the caller has checked the role). */
export const actingPatient = (user: { userId: string; email: string }): TActingPatient => ({
  kind: "patient",
  userId: user.userId,
  email: user.email,
});

/**
 * A signed-in staff member of a practice as the one acting, with their role (the caller has
 * checked it is a staff role; anything else is a programming error).
 */
export const actingStaff = (user: {
  userId: string;
  email: string;
  role: Role;
  practiceId: string;
}): TActingStaff => ({
  kind: "staff",
  userId: user.userId,
  email: user.email,
  role: staffRole(user.role),
  practiceId: user.practiceId,
});

export const auditActorOf = (actor: TActingUser): TAuditActor =>
  actor.kind === "patient"
    ? { kind: "user", userId: actor.userId, role: "PATIENT", label: actor.email }
    : { kind: "user", userId: actor.userId, role: actor.role, label: actor.email };
