import { beforeAll, describe, expect, it } from "vitest";
import { resetPassword } from "@/lib/auth/account-lifecycle";
import type { TStaffActor } from "@/lib/auth/session";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { DEMO } from "@/lib/seed/demo-data";
import { importStaffUsers, listStaffUsers } from "@/lib/staff-users/manage-users";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.71");

const FILE = [
  "User ID,Display Name,Email,Password,Home Page,Primary Group,Role 1,Role 2,Role 3,Role 4,Role 5,Role 6,Role 7,Role 8,Role 9,Role 10",
  'IM-100,"Nguyen, Lan",lan.nguyen@example.com,Temp-Pass-100,/dashboard,Billing,Cashier,Read Only,,,,,,,,',
  "IM-101,Omar Haddad,omar@example.com,Temp-Pass-101,,,Billing Manager,,,,,,,,,",
  "IM-102,Casey Clerk,clerk@example.com,Temp-Pass-102,,,Cashier,,,,,,,,,",
  "IM-103,Pat Rivera,pat@example.com,Temp-Pass-103,,,Cashier,,,,,,,,,",
  "IM-104,Wiz Ard,wiz@example.com,Temp-Pass-104,,,Wizard,,,,,,,,,",
].join("\n");

describe("the staff CSV import", () => {
  let practiceId: string;
  let admin: TStaffActor;
  const run = (text: string, actor = admin) =>
    importStaffUsers({ actor, text, fileName: "staff.csv", context });

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    const u = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.admin.email } });
    admin = { userId: u.id, email: u.email, role: u.role, name: "Alex Admin", practiceId };
  });

  it("adds the good rows, reports the bad ones by line, and the same file again changes nothing", async () => {
    expect(await run(FILE)).toEqual({
      created: 2,
      unchanged: 1,
      rejected: [
        { line: 5, reason: "The Email is in use by another login." },
        { line: 6, reason: "Unknown role “Wizard” (docs/staff-users.md lists the roles we know)." },
      ],
    });
    const lan = await database.db.user.findUniqueOrThrow({ where: { email: "lan.nguyen@example.com" } });
    expect(lan).toMatchObject({
      role: "BILLING_CLERK",
      practiceId,
      externalUserId: "IM-100",
      firstName: "Lan",
      lastName: "Nguyen",
      mustChangePassword: true,
    });
    expect(lan.passwordHash).toMatch(/^\$argon2id\$/);
    expect(lan.passwordHash).not.toContain("Temp-Pass-100");
    // The demo clerk was already here: kept as it was, with its InstaMed id now known.
    expect(await database.db.user.findUniqueOrThrow({ where: { email: DEMO.clerk.email } })).toMatchObject({
      role: "BILLING_CLERK",
      externalUserId: "IM-102",
      mustChangePassword: false,
    });

    const snapshot = await database.db.user.findMany({ orderBy: { email: "asc" } });
    expect(await run(FILE)).toMatchObject({ created: 0, unchanged: 3 });
    expect(await database.db.user.findMany({ orderBy: { email: "asc" } })).toEqual(snapshot);

    const audits = await database.db.auditLog.findMany({
      where: { action: { startsWith: "staff_user.import" } },
    });
    expect(audits.filter((a) => a.action === "staff_user.import_created")).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain("Temp-Pass");
    expect((await listStaffUsers(practiceId)).users.find((r) => r.email === "omar@example.com")?.status).toBe(
      "RESET",
    );
  });

  it("rejects a User ID that another staff user of the practice has", async () => {
    const report = await run(
      [
        "User ID,Display Name,Email,Password,Role 1",
        "IM-100,Someone Else,someone.else@example.com,Temp-Pass-200,Cashier",
      ].join("\n"),
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: "The User ID belongs to another staff user of the practice." },
    ]);
  });

  it("makes the temporary password work only to be changed: sign-in emails a link and opens no session", async () => {
    const first = await signInWithPassword({ email: "omar@example.com", password: "Temp-Pass-101", context });
    expect(first).toEqual({ ok: false, reason: "PASSWORD_CHANGE_REQUIRED" });
    expect(await database.db.userSession.count({ where: { user: { email: "omar@example.com" } } })).toBe(0);
    const mail = await database.db.outboxEmail.findFirstOrThrow({
      where: { to: "omar@example.com", subject: { contains: "choose your own password" } },
    });
    const token = decodeURIComponent(/reset-password\?token=(\S+)/.exec(mail.text)![1]!);
    await resetPassword({ token, password: "Omar-Own-Pass-1", context });
    expect(
      (await signInWithPassword({ email: "omar@example.com", password: "Temp-Pass-101", context })).ok,
    ).toBe(false);
    const signedIn = await signInWithPassword({
      email: "omar@example.com",
      password: "Omar-Own-Pass-1",
      context,
    });
    expect(signedIn.ok && signedIn.user.role).toBe("BILLING_MANAGER");
  });

  it("is refused without users.manage, and refuses a file that is not a staff CSV", async () => {
    const clerkUser = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.clerk.email } });
    const clerk: TStaffActor = {
      ...admin,
      userId: clerkUser.id,
      email: clerkUser.email,
      role: clerkUser.role,
    };
    await expect(run(FILE, clerk)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(run("Name,Email\nA,a@example.com")).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: expect.stringContaining("The header has no"),
    });
  });
});
