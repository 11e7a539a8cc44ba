import { describe, expect, it } from "vitest";
import { actingPatient, actingStaff, auditActorOf } from "@/lib/audit/actor";

describe("acting users", () => {
  it("names a patient by id and email", () => {
    expect(actingPatient({ userId: "u1", email: "pat@example.com" })).toEqual({
      kind: "patient",
      userId: "u1",
      email: "pat@example.com",
    });
  });

  it("keeps each staff member's own role", () => {
    expect(
      actingStaff({ userId: "a1", email: "admin@example.com", role: "ADMIN", practiceId: "p1" }).role,
    ).toBe("ADMIN");
    expect(
      actingStaff({ userId: "s1", email: "staff@example.com", role: "BILLING_CLERK", practiceId: "p1" }),
    ).toEqual({
      kind: "staff",
      userId: "s1",
      email: "staff@example.com",
      role: "BILLING_CLERK",
      practiceId: "p1",
    });
  });

  it("refuses a patient as acting staff", () => {
    expect(() =>
      actingStaff({ userId: "u1", email: "pat@example.com", role: "PATIENT", practiceId: "p1" }),
    ).toThrow();
  });

  it("audits a staff member under their own role", () => {
    expect(
      auditActorOf(
        actingStaff({ userId: "a1", email: "admin@example.com", role: "ADMIN", practiceId: "p1" }),
      ),
    ).toEqual({
      kind: "user",
      userId: "a1",
      role: "ADMIN",
      label: "admin@example.com",
    });
  });
});
