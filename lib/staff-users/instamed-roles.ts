import type { TStaffRole } from "@/lib/auth/permissions";

/**
 * InstaMed's staff role names (the CSV's Role 1 to Role 10) and ours. Matched ignoring case and
 * spaces around; a name not here rejects the row (docs/staff-users.md lists the same table). A
 * user with several roles gets the most powerful of ours.
 */
export const INSTAMED_ROLES: Record<string, TStaffRole> = {
  administrator: "ADMIN",
  "practice administrator": "ADMIN",
  "system administrator": "ADMIN",
  "billing manager": "BILLING_MANAGER",
  "office manager": "BILLING_MANAGER",
  supervisor: "BILLING_MANAGER",
  "refund approver": "BILLING_MANAGER",
  "billing clerk": "BILLING_CLERK",
  "billing staff": "BILLING_CLERK",
  "front desk": "BILLING_CLERK",
  "payment poster": "BILLING_CLERK",
  cashier: "BILLING_CLERK",
  auditor: "AUDITOR",
  "read only": "AUDITOR",
  "view only": "AUDITOR",
  reporting: "AUDITOR",
};

const RANK: Record<TStaffRole, number> = { ADMIN: 4, BILLING_MANAGER: 3, BILLING_CLERK: 2, AUDITOR: 1 };

/** Our role for a row's InstaMed role names, or the first unknown name, or none given. */
export const mapInstamedRoles = (
  names: readonly string[],
): { role: TStaffRole } | { unknown: string } | { none: true } => {
  let best: TStaffRole | null = null;
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const ours = INSTAMED_ROLES[name.toLowerCase().replace(/\s+/g, " ")];
    if (!ours) return { unknown: name };
    if (!best || RANK[ours] > RANK[best]) best = ours;
  }
  return best ? { role: best } : { none: true };
};
