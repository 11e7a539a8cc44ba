import { describe, expect, it } from "vitest";
import { STEP_UP_MAX_AGE_MS, isSecondFactorRecent, secondFactorOwed } from "@/lib/auth/mfa/policy";

describe("what a session owes", () => {
  const at = new Date("2026-12-06T12:00:00Z");
  it("staff owe enrolment without TOTP and a code with it, until the session passes", () => {
    for (const role of ["ADMIN", "BILLING_MANAGER", "BILLING_CLERK", "AUDITOR"] as const) {
      expect(secondFactorOwed({ role, hasTotp: false, secondFactorAt: null })).toBe("enrol");
      expect(secondFactorOwed({ role, hasTotp: true, secondFactorAt: null })).toBe("code");
      expect(secondFactorOwed({ role, hasTotp: true, secondFactorAt: at })).toBe("none");
    }
  });

  it("a patient owes a code only with TOTP on", () => {
    expect(secondFactorOwed({ role: "PATIENT", hasTotp: false, secondFactorAt: null })).toBe("none");
    expect(secondFactorOwed({ role: "PATIENT", hasTotp: true, secondFactorAt: null })).toBe("code");
  });

  it("a check counts for step-up for 15 minutes, and never when there was none", () => {
    expect(STEP_UP_MAX_AGE_MS).toBe(15 * 60_000);
    expect(isSecondFactorRecent(at, new Date(at.getTime() + STEP_UP_MAX_AGE_MS))).toBe(true);
    expect(isSecondFactorRecent(at, new Date(at.getTime() + STEP_UP_MAX_AGE_MS + 1))).toBe(false);
    expect(isSecondFactorRecent(null, at)).toBe(false);
  });
});
