import type { Role } from "@/lib/generated/prisma/enums";

export type TPermission =
  | "accounts.search"
  | "accounts.view"
  /** Remove a family member's or authorized payer's access to an account (lib/access). */
  | "accounts.access"
  /** Record a patient's consent to texts, given by phone (lib/sms/record-phone-consent.ts). */
  | "sms.consent"
  /** Revoke an account's text-to-pay link (lib/text-to-pay/staff-links.ts). */
  | "sms.links"
  | "payments.take"
  | "payments.void"
  /** A refund up to the practice's large-refund threshold (lib/payments/refund-limit.ts). */
  | "payments.refund"
  /** A refund above the practice's large-refund threshold. */
  | "payments.refund.large"
  | "plans.manage"
  | "files.import"
  | "files.export"
  /** The dashboard, transactions, deposits and their CSV. */
  | "reports.view"
  | "audit.view"
  | "outbox.view"
  | "users.manage"
  | "api-keys.manage"
  | "webhooks.manage"
  /** The practice's settings (the end-of-day posting files, the large-refund threshold). */
  | "settings.manage";

/** Every permission, in the order the console's matrix shows them. */
export const ALL_PERMISSIONS: readonly TPermission[] = [
  "accounts.search",
  "accounts.view",
  "accounts.access",
  "sms.consent",
  "sms.links",
  "payments.take",
  "payments.void",
  "payments.refund",
  "payments.refund.large",
  "plans.manage",
  "files.import",
  "files.export",
  "reports.view",
  "audit.view",
  "outbox.view",
  "users.manage",
  "api-keys.manage",
  "webhooks.manage",
  "settings.manage",
];

/**
 * A permission's key among the staff messages (StaffPermissions in messages/staff/en/layout.json,
 * what it lets a staff member do, in words, for the console's matrix): a message key has no dots.
 */
export const permissionKey = (permission: TPermission) => permission.replaceAll(".", "_") as TPermissionKey;
type TPermissionKey = {
  [P in TPermission]: P extends `${infer A}.${infer B}.${infer C}`
    ? `${A}_${B}_${C}`
    : P extends `${infer A}.${infer B}`
      ? `${A}_${B}`
      : P;
}[TPermission];

/** The staff roles, most powerful first (the order of the console's matrix and role pickers). */
export const STAFF_ROLES = ["ADMIN", "BILLING_MANAGER", "BILLING_CLERK", "AUDITOR"] as const;
export type TStaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  PATIENT: "Patient",
  ADMIN: "Administrator",
  BILLING_MANAGER: "Billing manager",
  BILLING_CLERK: "Billing clerk",
  AUDITOR: "Auditor",
};

/** The one source of who may do what: the guards, the console's matrix and docs/staff-users.md. */
export const ROLE_PERMISSIONS: Record<Role, readonly TPermission[]> = {
  PATIENT: [],
  ADMIN: ALL_PERMISSIONS,
  BILLING_MANAGER: [
    "accounts.search",
    "accounts.view",
    "accounts.access",
    "sms.consent",
    "sms.links",
    "payments.take",
    "payments.void",
    "payments.refund",
    "payments.refund.large",
    "plans.manage",
    "files.import",
    "files.export",
    "reports.view",
  ],
  BILLING_CLERK: [
    "accounts.search",
    "accounts.view",
    "sms.consent",
    "sms.links",
    "payments.take",
    "payments.void",
    "payments.refund",
    "reports.view",
  ],
  /** Read only: no action at all. */
  AUDITOR: ["accounts.search", "accounts.view", "reports.view", "audit.view"],
};

export const hasPermission = (role: Role, permission: TPermission) =>
  ROLE_PERMISSIONS[role].includes(permission);

export const isStaffRole = (role: Role): role is TStaffRole =>
  (STAFF_ROLES as readonly Role[]).includes(role);
