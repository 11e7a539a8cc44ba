import { beforeEach, describe, expect, it, vi } from "vitest";
import { STAFF_ROLES, hasPermission, type TPermission, type TStaffRole } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The stranger test of every staff server action: each is called as each staff role (and as a
 * patient) with an empty form, through its real guard. A role without the action's permission
 * is FORBIDDEN before the input is read, and nothing below the guard runs (the database is
 * never opened: getDb throws). The auditor is refused every one of them.
 */
const signedIn: { role: Role; secondFactorAt: Date; isSignedIn: boolean } = {
  role: "AUDITOR",
  secondFactorAt: new Date(),
  isSignedIn: true,
};
const audited: string[] = [];

vi.mock("@/lib/auth/session-token", () => ({
  readSessionClaims: async () => ({ uid: "u1", sid: "s1", sv: 0 }),
}));
vi.mock("@/lib/auth/user-session", () => ({
  // A session whose second factor has just passed: the refusals below are the permissions'.
  sessionOfClaims: async () =>
    signedIn.isSignedIn
      ? {
          sessionId: "s1",
          userId: "u1",
          email: "someone@example.com",
          role: signedIn.role,
          name: "Some One",
          hasTotp: true,
          hasPasskey: false,
          secondFactorAt: signedIn.secondFactorAt,
        }
      : null,
}));
vi.mock("@/lib/practice", () => ({ staffPracticeId: async () => "p1" }));
vi.mock("@/lib/request-context", () => ({
  getRequestContext: async () => ({ ip: "203.0.113.9", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/audit/record", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  recordAudit: async ({ action }: { action: string }) => {
    audited.push(action);
  },
}));
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    throw new Error("a refused action must not reach the database");
  },
}));

type TAction = (prev: unknown, input: FormData) => Promise<{ ok: boolean; code?: string }>;

/** Every staff action, by module, with the permission its guard names (docs/staff-users.md). */
const staffActions = async (): Promise<[string, TAction, TPermission][]> => {
  const payments = await import("@/lib/payments/staff-actions");
  const plans = await import("@/lib/plans/staff-actions");
  const autopay = await import("@/lib/autopay/staff-actions");
  const exportsActions = await import("@/lib/exports/actions");
  const apiKeys = await import("@/lib/api-keys/actions");
  const webhooks = await import("@/lib/webhooks/actions");
  const staffUsers = await import("@/lib/staff-users/actions");
  const branding = await import("@/lib/branding/actions");
  const access = await import("@/lib/access/staff-actions");
  const profileStaff = await import("@/lib/profile/staff-actions");
  const textLinks = await import("@/lib/text-to-pay/staff-actions");
  const listed: [string, unknown, TPermission][] = [
    ["voidPaymentAction", payments.voidPaymentAction, "payments.void"],
    ["refundPaymentAction", payments.refundPaymentAction, "payments.refund"],
    ["updateRefundThresholdAction", payments.updateRefundThresholdAction, "settings.manage"],
    ["takeStaffPaymentAction", payments.takeStaffPaymentAction, "payments.take"],
    ["removeAccountAccessAction", access.removeAccountAccessAction, "accounts.access"],
    ["recordPhoneConsentAction", profileStaff.recordPhoneConsentAction, "sms.consent"],
    ["revokeTextLinkAction", textLinks.revokeTextLinkAction, "sms.links"],
    ...Object.entries(plans).map(
      ([name, a]) => [name, a, "plans.manage"] as [string, unknown, "plans.manage"],
    ),
    ...Object.entries(autopay).map(
      ([name, a]) => [name, a, "plans.manage"] as [string, unknown, "plans.manage"],
    ),
    ["produceSignupFileAction", exportsActions.produceSignupFileAction, "files.export"],
    ["producePostingFileAction", exportsActions.producePostingFileAction, "files.export"],
    ["updatePostingSettingsAction", exportsActions.updatePostingSettingsAction, "settings.manage"],
    ["updateBrandColorAction", branding.updateBrandColorAction, "settings.manage"],
    ...Object.entries(apiKeys).map(
      ([name, a]) => [name, a, "api-keys.manage"] as [string, unknown, "api-keys.manage"],
    ),
    // The invitee's own action is for someone signed out (its token is the credential).
    ...Object.entries(staffUsers)
      .filter(([name]) => name !== "acceptStaffInvitationAction")
      .map(([name, a]) => [name, a, "users.manage"] as [string, unknown, "users.manage"]),
    ...Object.entries(webhooks).map(
      ([name, a]) => [name, a, "webhooks.manage"] as [string, unknown, "webhooks.manage"],
    ),
  ];
  return listed.map(([name, action, permission]) => {
    expect(typeof action, name).toBe("function");
    return [name, action as TAction, permission];
  });
};

describe("every staff action checks its permission", () => {
  beforeEach(() => {
    signedIn.role = "AUDITOR";
    signedIn.secondFactorAt = new Date();
    signedIn.isSignedIn = true;
    audited.length = 0;
  });

  it("lists every action the staff action modules export", async () => {
    const listed = new Set((await staffActions()).map(([name]) => name));
    for (const mod of [
      await import("@/lib/payments/staff-actions"),
      await import("@/lib/exports/actions"),
      await import("@/lib/branding/actions"),
    ]) {
      for (const name of Object.keys(mod)) expect(listed, name).toContain(name);
    }
    expect(listed).toContain("disableStaffUserAction");
    expect(listed).toContain("removeAccountAccessAction");
    expect(listed.size).toBeGreaterThan(15);
  }, 30_000); // the first test imports every action module cold (about 4 s alone, more on a busy machine)

  it("refuses the auditor every action, before reading its input", async () => {
    for (const [name, action] of await staffActions()) {
      expect(await action(null, new FormData()), name).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });

  it.each([...STAFF_ROLES.filter((r) => r !== "AUDITOR"), "PATIENT" as const])(
    "refuses %s each action outside its permissions",
    async (role: TStaffRole | "PATIENT") => {
      signedIn.role = role;
      let refused = 0;
      for (const [name, action, permission] of await staffActions()) {
        const answer = await action(null, new FormData());
        if (hasPermission(role, permission)) {
          // Let through the guard: the empty form is then refused by its schema.
          expect(answer, `${role} ${name}`).toMatchObject({ ok: false, code: "VALIDATION" });
        } else {
          expect(answer, `${role} ${name}`).toMatchObject({ ok: false, code: "FORBIDDEN" });
          refused += 1;
        }
      }
      if (role === "ADMIN") expect(refused).toBe(0);
      else expect(refused).toBeGreaterThan(0);
    },
  );

  it("asks an administrator whose second factor is over 15 minutes old for a fresh one before a refund or any staff-user change, and audits it", async () => {
    signedIn.role = "ADMIN";
    signedIn.secondFactorAt = new Date(Date.now() - 16 * 60_000);
    const stepUp = new Set<string>();
    for (const [name, action, permission] of await staffActions()) {
      const answer = await action(null, new FormData());
      if (permission === "users.manage" || name === "refundPaymentAction") {
        expect(answer, name).toMatchObject({ ok: false, code: "STEP_UP_REQUIRED" });
        stepUp.add(name);
      } else {
        expect(answer, name).toMatchObject({ ok: false, code: "VALIDATION" });
      }
    }
    expect(stepUp).toContain("changeStaffRoleAction");
    expect(stepUp).toContain("disableStaffUserAction");
    expect(audited.filter((a) => a === "mfa.step_up_required")).toHaveLength(stepUp.size);
  });
});

describe("managing one's own passkeys", () => {
  beforeEach(() => {
    signedIn.secondFactorAt = new Date();
    signedIn.isSignedIn = true;
    audited.length = 0;
  });

  it("refuses every passkey action to someone signed out, before reading its input (but the sign-in challenge)", async () => {
    signedIn.isSignedIn = false;
    const passkeys = await import("@/lib/auth/mfa/passkey-actions");
    for (const [name, action] of Object.entries(passkeys)) {
      if (name === "passkeySignInOptionsAction") continue;
      const answer = await (action as TAction)(null, new FormData());
      expect(answer, name).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    }
  });

  it("asks staff whose second factor is over 15 minutes old for a fresh one before removing a passkey (audited), not before renaming; a patient is not asked", async () => {
    const { removePasskeyAction, renamePasskeyAction } = await import("@/lib/auth/mfa/passkey-actions");
    signedIn.secondFactorAt = new Date(Date.now() - 16 * 60_000);
    for (const role of STAFF_ROLES) {
      signedIn.role = role;
      expect(await removePasskeyAction(null, new FormData()), role).toMatchObject({
        ok: false,
        code: "STEP_UP_REQUIRED",
      });
      expect(await renamePasskeyAction(null, new FormData()), role).toMatchObject({ code: "VALIDATION" });
    }
    expect(audited.filter((a) => a === "mfa.step_up_required")).toHaveLength(STAFF_ROLES.length);
    signedIn.role = "PATIENT";
    expect(await removePasskeyAction(null, new FormData())).toMatchObject({ ok: false, code: "VALIDATION" });
    signedIn.role = "BILLING_CLERK";
    signedIn.secondFactorAt = new Date();
    expect(await removePasskeyAction(null, new FormData())).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});

describe("a family member's and authorized payer's actions (lib/access/actions.ts)", () => {
  beforeEach(() => {
    signedIn.secondFactorAt = new Date();
    signedIn.isSignedIn = true;
  });

  it("are for signed-in patients only: someone signed out and every staff role are refused before the input is read", async () => {
    const access = await import("@/lib/access/actions");
    const actions = Object.entries(access) as [string, TAction][];
    expect(actions.map(([name]) => name).sort()).toEqual([
      "acceptInvitationAction",
      "invitePayerAction",
      "leaveAccountAction",
      "revokeAccessAction",
    ]);
    signedIn.isSignedIn = false;
    for (const [name, action] of actions) {
      expect(await action(null, new FormData()), name).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    }
    signedIn.isSignedIn = true;
    for (const role of STAFF_ROLES) {
      signedIn.role = role;
      for (const [name, action] of actions) {
        expect(await action(null, new FormData()), `${role} ${name}`).toMatchObject({
          ok: false,
          code: "FORBIDDEN",
        });
      }
    }
    signedIn.role = "PATIENT";
    for (const [name, action] of actions) {
      expect(await action(null, new FormData()), name).toMatchObject({ ok: false, code: "VALIDATION" });
    }
  });
});
