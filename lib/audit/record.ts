import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import type { TRequestContext } from "@/lib/request-context";
import type { Role } from "@/lib/generated/prisma/enums";

export type TAuditActor =
  | { kind: "user"; userId: string; role: Role; label?: string }
  | { kind: "guest"; statementId?: string; label?: string }
  | { kind: "anonymous"; label?: string }
  | { kind: "system"; label?: string };

export type TAuditEntry = {
  actor: TAuditActor;
  action: string;
  target?: { type: string; id: string };
  outcome?: "SUCCESS" | "FAILURE" | "DENIED";
  context?: TRequestContext;
  metadata?: Prisma.InputJsonValue;
};

const actorRole = (actor: TAuditActor) =>
  actor.kind === "user"
    ? actor.role
    : actor.kind === "guest"
      ? "GUEST"
      : actor.kind === "anonymous"
        ? "ANONYMOUS"
        : "SYSTEM";

/** The audit_log row for an entry (recordAudit writes it; a raw INSERT on a hot path may too). */
export const auditRow = (entry: TAuditEntry) => ({
  actorUserId: entry.actor.kind === "user" ? entry.actor.userId : null,
  actorRole: actorRole(entry.actor),
  actorLabel: "label" in entry.actor ? (entry.actor.label ?? null) : null,
  action: entry.action,
  targetType: entry.target?.type ?? null,
  targetId: entry.target?.id ?? null,
  outcome: entry.outcome ?? "SUCCESS",
  ip: entry.context?.ip ?? null,
  userAgent: entry.context?.userAgent ?? null,
  metadata: entry.metadata,
});

/** Appends one row to the audit log (the table refuses updates and deletes). */
export const recordAudit = async (entry: TAuditEntry, tx?: Prisma.TransactionClient) => {
  const db = tx ?? (await getDb());
  await db.auditLog.create({ data: auditRow(entry) });
};

/** A staff member looked at a patient's record (HIPAA access accounting). */
export const recordStaffView = async ({
  actor,
  target,
  context,
  metadata,
}: {
  actor: { userId: string; role: Role; email: string };
  target: { type: string; id: string };
  context: TRequestContext;
  metadata?: Prisma.InputJsonValue;
}) =>
  recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: `staff.view_${target.type.toLowerCase()}`,
    target,
    context,
    metadata,
  });
