import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actingStaff } from "@/lib/audit/actor";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { listAutopayForAccount } from "@/lib/autopay/queries";
import { ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway } from "@/lib/gateway/fake";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.63");

/**
 * Staff of another practice are strangers to the demo practice's autopay: the account lists no
 * enrolment for them, and turning one off is NOT_FOUND and changes nothing (the enrolment, its
 * charges, the audit log).
 */
describe("staff of another practice and the demo practice's autopay", () => {
  let other: TOtherPractice;
  let accountId: string;
  let enrollmentId: string;
  let demoPracticeId: string;

  beforeAll(async () => {
    setClockForTests(fixedClock(new Date("2026-03-10T10:00:00-04:00")));
    other = await makeOtherPractice(database.db);
    const gateway = createFakeGateway();
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    const method = await database.db.paymentMethod.create({
      data: {
        userId: user.id,
        kind: "CARD",
        gatewayToken: stored.id,
        brand: "visa",
        last4: "4242",
        expMonth: 12,
        expYear: 2030,
      },
    });
    const account = await database.db.account.findFirstOrThrow({
      where: {
        accountNumber: DEMO.guestStatement.accountNumber,
        practice: { clientId: DEMO.practice.clientId },
      },
    });
    accountId = account.id;
    demoPracticeId = account.practiceId;
    const enrolled = await enrollAutopay({
      owner: { kind: "patient", userId: user.id, email: user.email },
      input: ZEnrollAutopayInput.parse({
        accountId,
        paymentMethodId: method.id,
        limit: "200.00",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context,
    });
    enrollmentId = enrolled.enrollmentId;
  });

  afterAll(() => setClockForTests(undefined));

  it("the demo practice's own staff see the enrolment (so the refusals below are about the practice)", async () => {
    const list = await listAutopayForAccount({ practiceId: demoPracticeId, accountId });
    expect(list.map((e) => [e.id, e.status])).toEqual([[enrollmentId, "ACTIVE"]]);
  });

  it("the account lists no enrolment for the other practice's staff", async () => {
    expect(await listAutopayForAccount({ practiceId: other.practiceId, accountId })).toEqual([]);
  });

  it("turning it off by the other practice's staff or admin is NOT_FOUND and changes nothing", async () => {
    const snapshot = async () => ({
      enrollments: await database.db.autopayEnrollment.findMany({ orderBy: { id: "asc" } }),
      charges: await database.db.autopayCharge.findMany({ orderBy: { id: "asc" } }),
      audit: await database.db.auditLog.count(),
    });
    const before = await snapshot();
    for (const actor of other.acting) {
      for (const id of [enrollmentId, "missing"]) {
        await expect(unenrollAutopay({ actor, enrollmentId: id, context })).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
      }
    }
    expect(await snapshot()).toEqual(before);
    expect(
      (await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).status,
    ).toBe("ACTIVE");
    // The demo practice's own staff can (the same call, another practice).
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    const own = actingStaff({ ...staff, userId: staff.id, practiceId: demoPracticeId });
    expect(await unenrollAutopay({ actor: own, enrollmentId, context })).toEqual({
      enrollmentId,
      changed: true,
    });
  });
});
