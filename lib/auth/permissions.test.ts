import { describe, expect, it } from "vitest";
import {
  ALL_PERMISSIONS,
  ROLE_PERMISSIONS,
  STAFF_ROLES,
  hasPermission,
  isStaffRole,
  type TPermission,
} from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

const granted = (role: Role) => ALL_PERMISSIONS.filter((p) => hasPermission(role, p));

describe("role permissions", () => {
  it("gives a patient no staff permission", () => {
    expect(ROLE_PERMISSIONS.PATIENT).toEqual([]);
    expect(granted("PATIENT")).toEqual([]);
  });

  it("gives an admin every permission", () => {
    expect(granted("ADMIN")).toEqual(ALL_PERMISSIONS);
  });

  it("lets a billing manager do what staff did, large refunds and reports, but not administer", () => {
    expect(granted("BILLING_MANAGER")).toEqual([
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
    ]);
  });

  it("lets a billing clerk take payments and refund up to the threshold only", () => {
    expect(granted("BILLING_CLERK")).toEqual([
      "accounts.search",
      "accounts.view",
      "sms.consent",
      "sms.links",
      "payments.take",
      "payments.void",
      "payments.refund",
      "reports.view",
    ]);
    expect(hasPermission("BILLING_CLERK", "payments.refund.large")).toBe(false);
  });

  it("lets an auditor read and never act", () => {
    expect(granted("AUDITOR")).toEqual(["accounts.search", "accounts.view", "reports.view", "audit.view"]);
    const actions: TPermission[] = [
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
      "users.manage",
      "api-keys.manage",
      "webhooks.manage",
      "settings.manage",
    ];
    for (const p of actions) expect(hasPermission("AUDITOR", p)).toBe(false);
  });

  it("lists every permission once, and grants only listed permissions", () => {
    expect(new Set(ALL_PERMISSIONS).size).toBe(ALL_PERMISSIONS.length);
    for (const role of Object.keys(ROLE_PERMISSIONS) as Role[]) {
      for (const p of ROLE_PERMISSIONS[role]) expect(ALL_PERMISSIONS).toContain(p);
    }
  });

  it("treats the four staff roles as staff, patients not", () => {
    for (const role of STAFF_ROLES) expect(isStaffRole(role)).toBe(true);
    expect(isStaffRole("PATIENT")).toBe(false);
    expect([...STAFF_ROLES, "PATIENT"].sort()).toEqual(Object.keys(ROLE_PERMISSIONS).sort());
  });
});
