import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS, hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";

const ALL: TPermission[] = [
  "accounts.search",
  "accounts.view",
  "payments.take",
  "payments.void",
  "payments.refund",
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

describe("role permissions", () => {
  it("gives a patient no staff permission", () => {
    expect(ROLE_PERMISSIONS.PATIENT).toEqual([]);
    for (const p of ALL) expect(hasPermission("PATIENT", p)).toBe(false);
  });

  it("lets staff work accounts and payments but not read the audit log or manage users", () => {
    for (const p of [
      "accounts.search",
      "accounts.view",
      "payments.take",
      "payments.void",
      "payments.refund",
      "plans.manage",
      "files.import",
      "files.export",
      "reports.view",
    ] as const) {
      expect(hasPermission("STAFF", p)).toBe(true);
    }
    expect(hasPermission("STAFF", "audit.view")).toBe(false);
    expect(hasPermission("STAFF", "outbox.view")).toBe(false);
    expect(hasPermission("STAFF", "users.manage")).toBe(false);
    expect(hasPermission("STAFF", "api-keys.manage")).toBe(false);
    expect(hasPermission("STAFF", "webhooks.manage")).toBe(false);
    expect(hasPermission("STAFF", "settings.manage")).toBe(false);
  });

  it("gives an admin every permission", () => {
    for (const p of ALL) expect(hasPermission("ADMIN", p)).toBe(true);
  });

  it("treats staff and admins as staff, patients not", () => {
    expect(isStaffRole("STAFF")).toBe(true);
    expect(isStaffRole("ADMIN")).toBe(true);
    expect(isStaffRole("PATIENT")).toBe(false);
  });
});
