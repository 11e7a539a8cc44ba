import type { TAuditActor } from "@/lib/audit/record";

/**
 * Who acts on a patient's arrangement (a plan, an autopay enrolment): the patient it belongs to,
 * or billing staff acting for the patient (their permission is checked by the action or page).
 */
export type TActingUser =
  | { kind: "patient"; userId: string; email: string }
  | { kind: "staff"; userId: string; email: string; role: "STAFF" | "ADMIN" };

export const auditActorOf = (actor: TActingUser): TAuditActor =>
  actor.kind === "patient"
    ? { kind: "user", userId: actor.userId, role: "PATIENT", label: actor.email }
    : { kind: "user", userId: actor.userId, role: actor.role, label: actor.email };
