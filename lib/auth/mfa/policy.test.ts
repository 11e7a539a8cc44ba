import { describe, expect, it } from "vitest";
import {
  STEP_UP_MAX_AGE_MS,
  isRemovalOfLastFactor,
  isSecondFactorRecent,
  secondFactorOwed,
} from "@/lib/auth/mfa/policy";

const STAFF = ["ADMIN", "BILLING_MANAGER", "BILLING_CLERK", "AUDITOR"] as const;

describe("what a session owes", () => {
  const at = new Date("2026-12-06T12:00:00Z");
  it("staff owe enrolment with no second factor, and the second step with TOTP or a passkey, until the session passes", () => {
    for (const role of STAFF) {
      expect(secondFactorOwed({ role, hasTotp: false, hasPasskey: false, secondFactorAt: null })).toBe(
        "enrol",
      );
      expect(secondFactorOwed({ role, hasTotp: true, hasPasskey: false, secondFactorAt: null })).toBe("code");
      // A registered passkey counts as a second factor: a staff member with only a passkey is enrolled.
      expect(secondFactorOwed({ role, hasTotp: false, hasPasskey: true, secondFactorAt: null })).toBe("code");
      expect(secondFactorOwed({ role, hasTotp: true, hasPasskey: true, secondFactorAt: null })).toBe("code");
      expect(secondFactorOwed({ role, hasTotp: false, hasPasskey: true, secondFactorAt: at })).toBe("none");
      expect(secondFactorOwed({ role, hasTotp: true, hasPasskey: false, secondFactorAt: at })).toBe("none");
    }
  });

  it("a patient owes the second step only with two-step sign-in (TOTP) on, passkey or not", () => {
    const patient = { role: "PATIENT" as const, secondFactorAt: null };
    expect(secondFactorOwed({ ...patient, hasTotp: false, hasPasskey: false })).toBe("none");
    expect(secondFactorOwed({ ...patient, hasTotp: false, hasPasskey: true })).toBe("none");
    expect(secondFactorOwed({ ...patient, hasTotp: true, hasPasskey: false })).toBe("code");
    expect(secondFactorOwed({ ...patient, hasTotp: true, hasPasskey: true })).toBe("code");
  });

  it("a check counts for step-up for 15 minutes, and never when there was none", () => {
    expect(STEP_UP_MAX_AGE_MS).toBe(15 * 60_000);
    expect(isSecondFactorRecent(at, new Date(at.getTime() + STEP_UP_MAX_AGE_MS))).toBe(true);
    expect(isSecondFactorRecent(at, new Date(at.getTime() + STEP_UP_MAX_AGE_MS + 1))).toBe(false);
    expect(isSecondFactorRecent(null, at)).toBe(false);
  });
});

describe("removing a passkey", () => {
  it("is refused only when it is a staff member's last second factor", () => {
    for (const role of STAFF) {
      expect(isRemovalOfLastFactor({ role, hasTotp: false, otherPasskeys: 0 })).toBe(true);
      expect(isRemovalOfLastFactor({ role, hasTotp: true, otherPasskeys: 0 })).toBe(false);
      expect(isRemovalOfLastFactor({ role, hasTotp: false, otherPasskeys: 1 })).toBe(false);
    }
    expect(isRemovalOfLastFactor({ role: "PATIENT", hasTotp: false, otherPasskeys: 0 })).toBe(false);
  });
});
