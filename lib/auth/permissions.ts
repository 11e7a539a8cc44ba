import type { Role } from "@/lib/generated/prisma/enums";

export type TPermission =
  | "accounts.search"
  | "accounts.view"
  | "payments.take"
  | "payments.void"
  | "payments.refund"
  | "plans.manage"
  | "files.import"
  | "files.export"
  /** The dashboard, the transactions list, the deposits and their CSV. */
  | "reports.view"
  | "audit.view"
  | "outbox.view"
  | "users.manage"
  | "api-keys.manage"
  | "webhooks.manage"
  /** The practice's integration settings (the end-of-day posting files). */
  | "settings.manage";

const STAFF: readonly TPermission[] = [
  "accounts.search",
  "accounts.view",
  "payments.take",
  "payments.void",
  "payments.refund",
  "plans.manage",
  "files.import",
  "files.export",
  "reports.view",
];

export const ROLE_PERMISSIONS: Record<Role, readonly TPermission[]> = {
  PATIENT: [],
  STAFF,
  ADMIN: [
    ...STAFF,
    "audit.view",
    "outbox.view",
    "users.manage",
    "api-keys.manage",
    "webhooks.manage",
    "settings.manage",
  ],
};

export const hasPermission = (role: Role, permission: TPermission) =>
  ROLE_PERMISSIONS[role].includes(permission);

export const isStaffRole = (role: Role) => role === "STAFF" || role === "ADMIN";
