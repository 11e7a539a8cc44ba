import { beforeAll, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { resetPassword } from "@/lib/auth/account-lifecycle";
import { TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { loadSession, startSession } from "@/lib/auth/user-session";
import { DEMO } from "@/lib/seed/demo-data";
import {
  LAST_ADMIN_MESSAGE,
  acceptStaffInvitation,
  changeStaffRole,
  forceStaffPasswordReset,
  inviteStaffUser,
  listStaffUsers,
  setStaffUserDisabled,
} from "@/lib/staff-users/manage-users";
import { requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.70");
const PASSWORD = "Invited-Clerk-7";

describe("staff users", () => {
  let practiceId: string;
  let admin: TStaffActor;
  let manager: TStaffActor;
  let other: TOtherPractice;

  const actorOf = async (email: string): Promise<TStaffActor> => {
    const u = await database.db.user.findUniqueOrThrow({ where: { email } });
    return { userId: u.id, email: u.email, role: u.role, name: `${u.firstName} ${u.lastName}`, practiceId };
  };
  /** The link of the newest email to `to` that holds `path?token=`. */
  const tokenMailedTo = async (to: string, path: string) => {
    const mail = await database.db.outboxEmail.findFirstOrThrow({
      where: { to, text: { contains: `${path}?token=` } },
      orderBy: { createdAt: "desc" },
    });
    return decodeURIComponent(new RegExp(`${path}\\?token=([^\\s]+)`).exec(mail.text)![1]!);
  };
  const audits = (userId: string, action: string) =>
    database.db.auditLog.findMany({ where: { targetType: "User", targetId: userId, action } });
  const invite = (email: string, role: "ADMIN" | "BILLING_MANAGER" | "BILLING_CLERK" | "AUDITOR") =>
    inviteStaffUser({ actor: admin, input: { email, firstName: "Ivy", lastName: "Invitee", role }, context });

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    admin = await actorOf(DEMO.admin.email);
    manager = await actorOf(DEMO.staff.email);
    other = await makeOtherPractice(database.db);
  });

  it("lists the practice's staff with role, status and last sign-in, and no one else", async () => {
    const { users: rows, timeZone } = await listStaffUsers(practiceId);
    expect(timeZone).toBe("America/New_York");
    expect(rows.map((r) => [r.email, r.role, r.status])).toEqual([
      ["admin@example.com", "ADMIN", "ACTIVE"],
      ["auditor@example.com", "AUDITOR", "ACTIVE"],
      ["clerk@example.com", "BILLING_CLERK", "ACTIVE"],
      ["staff@example.com", "BILLING_MANAGER", "ACTIVE"],
    ]);
    expect(rows.every((r) => r.lastSignInAt === null)).toBe(true);
  });

  it("invites by email: no password until the invitee sets one from the link, which works once", async () => {
    const { userId } = await invite("  New.Clerk@Example.com ", "BILLING_CLERK");
    const user = await database.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({
      email: "new.clerk@example.com",
      role: "BILLING_CLERK",
      practiceId,
      passwordHash: null,
      emailVerifiedAt: null,
    });
    expect((await listStaffUsers(practiceId)).users.find((r) => r.id === userId)?.status).toBe("INVITED");
    expect((await signInWithPassword({ email: user.email, password: PASSWORD, context })).ok).toBe(false);

    const token = await tokenMailedTo(user.email, "/invitation");
    const row = await database.db.verificationToken.findFirstOrThrow({
      where: { userId, purpose: "INVITE_STAFF", usedAt: null },
    });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(TOKEN_TTL_MS.INVITE_STAFF, -4);
    expect(TOKEN_TTL_MS.INVITE_STAFF).toBe(72 * 60 * 60_000);

    expect(await acceptStaffInvitation({ token, password: PASSWORD, context })).toEqual({
      email: user.email,
    });
    const signedIn = await signInWithPassword({ email: user.email, password: PASSWORD, context });
    expect(signedIn.ok && signedIn.user.role).toBe("BILLING_CLERK");
    await expect(acceptStaffInvitation({ token, password: "Another-Pass-9", context })).rejects.toMatchObject(
      {
        code: "TOKEN_INVALID",
      },
    );
    expect((await audits(userId, "staff_user.invite")).map((a) => a.actorUserId)).toEqual([admin.userId]);
    expect(await audits(userId, "staff_user.invitation_accepted")).toHaveLength(1);
  });

  it("refuses an expired invitation, and a second invitation replaces the first", async () => {
    const { userId } = await invite("late@example.com", "AUDITOR");
    const first = await tokenMailedTo("late@example.com", "/invitation");
    await invite("late@example.com", "AUDITOR");
    const second = await tokenMailedTo("late@example.com", "/invitation");
    expect(second).not.toBe(first);
    await expect(acceptStaffInvitation({ token: first, password: PASSWORD, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    await database.db.verificationToken.updateMany({
      where: { userId, purpose: "INVITE_STAFF", usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(acceptStaffInvitation({ token: second, password: PASSWORD, context })).rejects.toMatchObject(
      {
        code: "TOKEN_INVALID",
      },
    );
    expect((await database.db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
  });

  it("refuses to invite an address someone already signs in with", async () => {
    await expect(invite(DEMO.patient.email, "BILLING_CLERK")).rejects.toMatchObject({
      code: "EMAIL_TAKEN",
      fieldErrors: { email: ["Someone already signs in with this email address."] },
    });
    await expect(invite(other.staff.email, "BILLING_CLERK")).rejects.toMatchObject({ code: "EMAIL_TAKEN" });
  });

  it("changes a role, audited, and it applies at once", async () => {
    const { userId } = await invite("promote@example.com", "BILLING_CLERK");
    await changeStaffRole({ actor: admin, userId, role: "BILLING_MANAGER", context });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe(
      "BILLING_MANAGER",
    );
    expect((await audits(userId, "staff_user.role_change")).map((a) => a.metadata)).toEqual([
      { from: "BILLING_CLERK", to: "BILLING_MANAGER" },
    ]);
  });

  it("keeps at least one enabled admin: the last one can be neither demoted nor disabled", async () => {
    await expect(
      changeStaffRole({ actor: admin, userId: admin.userId, role: "BILLING_MANAGER", context }),
    ).rejects.toMatchObject({ code: "CONFLICT", userMessage: LAST_ADMIN_MESSAGE });
    // With a second admin, the first may step down; then the second is the last.
    const { userId: second } = await invite("second.admin@example.com", "ADMIN");
    // An invitee without a password yet does not count as an admin.
    await expect(
      changeStaffRole({ actor: admin, userId: admin.userId, role: "BILLING_MANAGER", context }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await acceptStaffInvitation({
      token: await tokenMailedTo("second.admin@example.com", "/invitation"),
      password: PASSWORD,
      context,
    });
    await changeStaffRole({ actor: admin, userId: admin.userId, role: "BILLING_MANAGER", context });
    const secondAdmin: TStaffActor = {
      ...admin,
      userId: second,
      email: "second.admin@example.com",
      role: "ADMIN",
    };
    await expect(
      setStaffUserDisabled({
        actor: { ...secondAdmin, userId: "someone-else" },
        userId: second,
        isDisabled: true,
        context,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", userMessage: LAST_ADMIN_MESSAGE });
    await changeStaffRole({ actor: secondAdmin, userId: admin.userId, role: "ADMIN", context });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe("ADMIN");
  });

  it("disables a user: sign-in refused and their sessions end at once; enabling lets them back", async () => {
    const clerk = await actorOf(DEMO.clerk.email);
    const sessionId = await startSession({ userId: clerk.userId, context });
    const { sessionVersion } = await database.db.user.findUniqueOrThrow({ where: { id: clerk.userId } });
    expect(await loadSession(sessionId, clerk.userId, sessionVersion)).not.toBeNull();

    await setStaffUserDisabled({ actor: admin, userId: clerk.userId, isDisabled: true, context });
    const ended = await database.db.userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(ended).toMatchObject({ endReason: "disabled" });
    expect(ended.endedAt).not.toBeNull();
    expect(
      (await signInWithPassword({ email: clerk.email, password: DEMO.clerk.password, context })).ok,
    ).toBe(false);
    expect((await listStaffUsers(practiceId)).users.find((r) => r.id === clerk.userId)?.status).toBe(
      "DISABLED",
    );

    await setStaffUserDisabled({ actor: admin, userId: clerk.userId, isDisabled: false, context });
    expect(
      (await signInWithPassword({ email: clerk.email, password: DEMO.clerk.password, context })).ok,
    ).toBe(true);
    expect((await audits(clerk.userId, "staff_user.disable")).length).toBe(1);
    expect((await audits(clerk.userId, "staff_user.enable")).length).toBe(1);
  });

  it("refuses an admin disabling their own login", async () => {
    await expect(
      setStaffUserDisabled({ actor: admin, userId: admin.userId, isDisabled: true, context }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("forces a password reset: the old password and every session stop, the emailed link sets a new one", async () => {
    const auditor = await actorOf(DEMO.auditor.email);
    const sessionId = await startSession({ userId: auditor.userId, context });
    await forceStaffPasswordReset({ actor: admin, userId: auditor.userId, context });
    expect(
      (await database.db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).endedAt,
    ).not.toBeNull();
    expect(
      (await signInWithPassword({ email: auditor.email, password: DEMO.auditor.password, context })).ok,
    ).toBe(false);
    expect((await listStaffUsers(practiceId)).users.find((r) => r.id === auditor.userId)?.status).toBe(
      "RESET",
    );
    const token = await tokenMailedTo(auditor.email, "/reset-password");
    await resetPassword({ token, password: "Auditor-New-2", context });
    expect((await signInWithPassword({ email: auditor.email, password: "Auditor-New-2", context })).ok).toBe(
      true,
    );
    expect((await listStaffUsers(practiceId)).users.find((r) => r.id === auditor.userId)?.status).toBe(
      "ACTIVE",
    );
    expect(await audits(auditor.userId, "staff_user.force_password_reset")).toHaveLength(1);
  });

  it("lets only users.manage do any of it (refusals recorded), and another practice's user is not found", async () => {
    const clerk = await actorOf(DEMO.clerk.email);
    for (const actor of [manager, clerk, await actorOf(DEMO.auditor.email)]) {
      await expect(
        inviteStaffUser({
          actor,
          input: { email: "nope@example.com", firstName: "N", lastName: "O", role: "ADMIN" },
          context,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        changeStaffRole({ actor, userId: actor.userId, role: "ADMIN", context }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        setStaffUserDisabled({ actor, userId: admin.userId, isDisabled: true, context }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(forceStaffPasswordReset({ actor, userId: admin.userId, context })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await database.db.user.findUnique({ where: { email: "nope@example.com" } })).toBeNull();
    expect(
      await database.db.auditLog.count({
        where: { action: { startsWith: "staff_user." }, outcome: "DENIED" },
      }),
    ).toBe(12);
    for (const call of [
      () => changeStaffRole({ actor: admin, userId: other.staff.userId, role: "AUDITOR", context }),
      () => setStaffUserDisabled({ actor: admin, userId: other.admin.userId, isDisabled: true, context }),
      () => forceStaffPasswordReset({ actor: admin, userId: other.staff.userId, context }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await database.db.user.findUniqueOrThrow({ where: { id: other.staff.userId } })).toMatchObject({
      role: "BILLING_MANAGER",
      disabledAt: null,
    });
  });
});
