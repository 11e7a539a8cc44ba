import { beforeAll, describe, expect, it, vi } from "vitest";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { DEMO } from "@/lib/seed/demo-data";
import { makeOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";
import { openTextToPayLink } from "@/lib/text-to-pay/open-link";
import { listTextLinksForStaff } from "@/lib/text-to-pay/staff-links";
import { hashTextToPayToken, newTextToPayToken } from "@/lib/text-to-pay/token";

/**
 * Revoking a text-to-pay link from the staff account page (`sms.links`): the action through its
 * real guard, as real users of the database, signed in by the mocked session below.
 */
const signedIn: { userId: string; email: string; role: Role } = { userId: "", email: "", role: "AUDITOR" };

vi.mock("@/lib/auth/session-token", () => ({
  readSessionClaims: async () => ({ uid: signedIn.userId, sid: "s1", sv: 0 }),
}));
vi.mock("@/lib/auth/user-session", () => ({
  sessionOfClaims: async () => ({
    sessionId: "s1",
    userId: signedIn.userId,
    email: signedIn.email,
    role: signedIn.role,
    name: "Some One",
    hasTotp: true,
    hasPasskey: false,
    secondFactorAt: new Date(),
  }),
}));
vi.mock("@/lib/request-context", () => ({
  getRequestContext: async () => ({ ip: "203.0.113.44", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const database = setupTestDatabase({ seed: true });

const HOUR = 60 * 60_000;

/** A fresh link on the demo account's statement (one link a statement: any earlier one goes). */
const newLink = async () => {
  const db = database.db;
  const statement = await db.statement.findUniqueOrThrow({
    where: { statementNumber: DEMO.guestStatement.statementNumber },
    select: { id: true, accountId: true },
  });
  await db.textToPayLink.deleteMany({ where: { statementId: statement.id } });
  const token = newTextToPayToken();
  const link = await db.textToPayLink.create({
    data: {
      statementId: statement.id,
      tokenHash: hashTextToPayToken(token),
      phone: "2155550142",
      expiresAt: new Date(Date.now() + 30 * 24 * HOUR),
    },
  });
  return { token, linkId: link.id, statementId: statement.id, accountId: statement.accountId };
};

const signInAs = async (email: string) => {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  signedIn.userId = user.id;
  signedIn.email = user.email;
  signedIn.role = user.role;
  return user;
};

const revoke = async (linkId: string) => {
  const { revokeTextLinkAction } = await import("@/lib/text-to-pay/staff-actions");
  const form = new FormData();
  form.set("linkId", linkId);
  try {
    return await revokeTextLinkAction(null, form);
  } catch (error) {
    if (isRedirectError(error)) return { redirectedTo: error.digest.split(";")[2] };
    throw error;
  }
};

describe("staff revoke a text-to-pay link", () => {
  let practiceId: string;
  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow({ orderBy: { createdAt: "asc" } })).id;
  });

  it("a billing clerk revokes it: it opens nothing from then on, the list says so, and the log names the clerk", async () => {
    const link = await newLink();
    await expect(openTextToPayLink({ token: link.token })).resolves.toMatchObject({ status: "open" });
    const clerk = await signInAs(DEMO.clerk.email);
    expect(await revoke(link.linkId)).toEqual({
      redirectedTo: `/staff/accounts/${link.accountId}?linkRevoked=1`,
    });
    await expect(openTextToPayLink({ token: link.token })).resolves.toEqual({
      status: "refused",
      problem: "revoked",
    });
    const listed = await listTextLinksForStaff({ practiceId, accountId: link.accountId });
    expect(listed).toEqual([
      expect.objectContaining({ id: link.linkId, status: "revoked", firstOpenedAt: expect.any(Date) }),
    ]);
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "text_to_pay.link_revoked", targetId: link.statementId },
    });
    expect(audit).toMatchObject({ actorUserId: clerk.id, targetType: "Statement" });
    // Revoked already: nothing more to do, and nothing more written.
    expect(await revoke(link.linkId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await database.db.auditLog.count({
        where: { action: "text_to_pay.link_revoked", targetId: link.statementId },
      }),
    ).toBe(1);
  });

  it("refuses the auditor, and another practice's staff as if the link did not exist; the link still opens", async () => {
    const link = await newLink();
    await signInAs(DEMO.auditor.email);
    expect(await revoke(link.linkId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const other = await makeOtherPractice(database.db);
    await signInAs(other.staff.email);
    expect(await revoke(link.linkId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await expect(openTextToPayLink({ token: link.token })).resolves.toMatchObject({ status: "open" });
    expect(await listTextLinksForStaff({ practiceId: other.practiceId, accountId: link.accountId })).toEqual(
      [],
    );
    const row = await database.db.textToPayLink.findUniqueOrThrow({ where: { id: link.linkId } });
    expect(row.revokedAt).toBeNull();
  });

  it("lists a link not opened yet as such, and an expired one as expired", async () => {
    const link = await newLink();
    const [fresh] = await listTextLinksForStaff({ practiceId, accountId: link.accountId });
    expect(fresh).toMatchObject({ status: "active", firstOpenedAt: null });
    const [later] = await listTextLinksForStaff({
      practiceId,
      accountId: link.accountId,
      now: new Date(Date.now() + 31 * 24 * HOUR),
    });
    expect(later).toMatchObject({ status: "expired" });
  });
});
