import { randomUUID } from "node:crypto";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { enrollAutopay } from "@/lib/autopay/enrollment";
import { chargeDueAutopay } from "@/lib/autopay/run-autopay";
import { ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { fixedClock, setClockForTests } from "@/lib/clock";
import type { TStaffActor } from "@/lib/auth/session";
import { producePostingFile } from "@/lib/exports/posting-file";
import { businessDayOf } from "@/lib/exports/posting-rows";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { importBalanceFile } from "@/lib/imports/balance-import";
import { processImportInbox } from "@/lib/imports/inbox";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import { voidPayment } from "@/lib/payments/void-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.91");
const MINUTE = 60_000;

/** One IMPSCIF line for a statement of the guarantor G-7101; `note` makes each file's bytes its own. */
const line = (statementNumber: string, amount: string, note: string) => {
  const f: Record<number, string> = {
    1: "IMPSCIF",
    2: "P-7101",
    3: "Morgan",
    5: "Ellis",
    6: "19850412",
    8: statementNumber,
    9: amount,
    10: "20261120",
    11: DEMO.practice.clientId,
    19: note,
    23: "A",
    36: "19103",
    38: "G-7101",
    39: "Morgan",
    40: "Ellis",
  };
  return Array.from({ length: 48 }, (_, i) => f[i + 1] ?? "").join("|");
};

describe("a balance file and the payments it crossed", () => {
  let practiceId: string;
  let staff: TStaffActor;
  let gateway: TFakeGateway;

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    const u = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    staff = { userId: u.id, email: u.email, role: u.role, name: `${u.firstName} ${u.lastName}`, practiceId };
    gateway = createFakeGateway();
  });
  beforeEach(async () => {
    await database.db.paymentPosting.deleteMany();
    await database.db.postingFile.deleteMany();
  });

  /** Imports a file of one row, written by the PMS at `writtenAt` (default: now). */
  const importRow = (statementNumber: string, amount: string, writtenAt?: Date) =>
    importBalanceFile({
      practiceId,
      fileName: `PS_RFM001_20261124_${randomUUID().slice(0, 8)}.txt`,
      read: async function* () {
        yield new TextEncoder().encode(`${line(statementNumber, amount, randomUUID())}\r\n`);
      },
      actor: { kind: "user", userId: staff.userId, role: "BILLING_MANAGER", label: staff.email },
      context,
      writtenAt,
    });

  const statement = (statementNumber: string) =>
    database.db.statement.findUniqueOrThrow({
      where: { statementNumber },
      select: { id: true, amountDueCents: true, balanceCents: true, status: true },
    });

  /** A new statement of `cents` from a first file, and a guest's card payment of `paidCents` on it. */
  const paidStatement = async (cents: number, paidCents: number) => {
    const number = `ST-X${randomUUID().slice(0, 6)}`;
    await importRow(number, (cents / 100).toFixed(2));
    const { id } = await statement(number);
    const paid = await payBill({
      payer: { kind: "guest", statementId: id },
      input: {
        allocations: [{ statementId: id, amount: paidCents as Cents }],
        token: "tok_ok_visa_1111",
        methodKind: "CARD",
        idempotencyKey: randomUUID(),
      },
      context,
      gateway,
    });
    expect(paid.status).toBe("CAPTURED");
    // Taken ten minutes ago, so that the times around it that the tests give are all past.
    const payment = await database.db.payment.update({
      where: { id: paid.paymentId },
      data: { createdAt: new Date(Date.now() - 10 * MINUTE) },
      select: { id: true, createdAt: true },
    });
    return { number, payment, at: (ms: number) => new Date(payment.createdAt.getTime() + ms) };
  };

  const posted = (paymentId: string, postedAt: Date) =>
    database.db.paymentPosting.create({
      data: { paymentId, channel: "WEBHOOK", reference: `we_${randomUUID()}`, postedAt },
    });

  it("keeps a payment taken after the file was written as a credit: the patient is not asked twice", async () => {
    const { number, at } = await paidStatement(12540, 5000); // $125.40, $50.00 paid
    expect(await statement(number)).toMatchObject({ balanceCents: 7540, status: "PARTIALLY_PAID" });
    // The PMS wrote its file a minute before the payment: it still says $125.40.
    await importRow(number, "125.40", at(-MINUTE));
    expect(await statement(number)).toMatchObject({
      amountDueCents: 12540,
      balanceCents: 7540,
      status: "PARTIALLY_PAID",
    });
  });

  it("does not take off again a payment the PMS had been sent before it wrote the file", async () => {
    const { number, payment, at } = await paidStatement(12540, 5000);
    await posted(payment.id, at(MINUTE));
    // Written after the posting: $75.40 due, the payment already in it.
    await importRow(number, "75.40", at(2 * MINUTE));
    expect(await statement(number)).toMatchObject({
      amountDueCents: 7540,
      balanceCents: 7540,
      status: "OPEN",
    });
  });

  it("when the practice posts electronically, a payment taken before the file but not yet posted is a credit", async () => {
    // Twenty minutes ago, a payment the practice's system heard of five minutes later.
    const earlier = await paidStatement(10000, 1000);
    await database.db.payment.update({
      where: { id: earlier.payment.id },
      data: { createdAt: new Date(Date.now() - 20 * MINUTE) },
    });
    await posted(earlier.payment.id, new Date(Date.now() - 15 * MINUTE));
    const { number, payment, at } = await paidStatement(12540, 5000);
    // Written after the payment, before its posting: the PMS had not heard of it yet.
    await importRow(number, "125.40", at(MINUTE));
    expect(await statement(number)).toMatchObject({ balanceCents: 7540 });
    // Posted afterwards, the next file has it; it is not taken off twice.
    await posted(payment.id, at(2 * MINUTE));
    await importRow(number, "75.40", at(3 * MINUTE));
    expect(await statement(number)).toMatchObject({ balanceCents: 7540 });
  });

  it("does not take off again a payment that went out in a posting file before the PMS wrote its file", async () => {
    // The practice posts electronically (an earlier payment reached it by webhook).
    const earlier = await paidStatement(10000, 1000);
    await posted(earlier.payment.id, new Date(Date.now() - 15 * MINUTE));
    const { number, payment, at } = await paidStatement(12540, 5000);
    const [{ cutoffMinutes }, { timeZone }] = await Promise.all([
      database.db.postingSettings.findUniqueOrThrow({ where: { practiceId } }),
      database.db.practice.findUniqueOrThrow({ where: { id: practiceId } }),
    ]);
    // The day's IMDPA file carried the payment; it was completed a minute after it.
    setClockForTests(fixedClock(at(MINUTE)));
    try {
      const { file } = await producePostingFile({
        practiceId,
        format: "IMDPA14",
        businessDay: businessDayOf({ at: payment.createdAt, cutoffMinutes, timeZone }),
        producer: { kind: "job" },
      });
      expect(file.completedAt).toEqual(at(MINUTE));
    } finally {
      setClockForTests(undefined);
    }
    // Written after the file: $75.40 due, the payment in it.
    await importRow(number, "75.40", at(2 * MINUTE));
    expect(await statement(number)).toMatchObject({
      amountDueCents: 7540,
      balanceCents: 7540,
      status: "OPEN",
    });
    // Written before the file was: the PMS had not heard of it, so it is still a credit.
    await importRow(number, "125.40", at(MINUTE / 2));
    expect(await statement(number)).toMatchObject({ amountDueCents: 12540, balanceCents: 7540 });
  });

  it("when the practice posts by hand, a payment taken before the file is taken to be in it", async () => {
    expect(await database.db.paymentPosting.count()).toBe(0);
    const { number, at } = await paidStatement(12540, 5000);
    await importRow(number, "75.40", at(MINUTE));
    expect(await statement(number)).toMatchObject({ balanceCents: 7540 });
  });

  it("never credits a payment the practice's own payment import file recorded (it came from its books)", async () => {
    const { number, payment, at } = await paidStatement(12540, 5000);
    await database.db.payment.update({ where: { id: payment.id }, data: { channel: "IMPORT" } });
    await importRow(number, "75.40", at(-MINUTE));
    expect(await statement(number)).toMatchObject({ balanceCents: 7540 });
  });

  it("credits only what a crossing payment still holds: less its refunds, nothing once voided", async () => {
    const refunded = await paidStatement(12540, 5000);
    gateway.settleAll();
    await refundPayment({
      actor: staff,
      paymentId: refunded.payment.id,
      amountCents: 2000, // $20.00 of the $50.00 back
      reason: "Billing error",
      context,
      gateway,
    });
    expect(await statement(refunded.number)).toMatchObject({ balanceCents: 9540 });
    await importRow(refunded.number, "125.40", refunded.at(-MINUTE));
    expect(await statement(refunded.number)).toMatchObject({ balanceCents: 9540, status: "PARTIALLY_PAID" });

    const voided = await paidStatement(12540, 5000);
    await voidPayment({ actor: staff, paymentId: voided.payment.id, reason: "Paid twice", context, gateway });
    await importRow(voided.number, "125.40", voided.at(-MINUTE));
    expect(await statement(voided.number)).toMatchObject({ balanceCents: 12540, status: "OPEN" });
  });

  it("never goes below zero: a crossing payment larger than the new amount due leaves it paid", async () => {
    const { number, at } = await paidStatement(12540, 12540);
    // The PMS lowered the amount due (an adjustment) before hearing of the payment.
    await importRow(number, "100.00", at(-MINUTE));
    expect(await statement(number)).toMatchObject({ amountDueCents: 10000, balanceCents: 0, status: "PAID" });
  });

  it("leaves out payments taken more than 30 days before the file, posted or not", async () => {
    const days = (n: number) => new Date(Date.now() - n * 24 * 60 * MINUTE);
    // The practice has posted electronically for 60 days.
    const earlier = await paidStatement(10000, 1000);
    await database.db.payment.update({ where: { id: earlier.payment.id }, data: { createdAt: days(61) } });
    await posted(earlier.payment.id, days(60));
    // Taken 40 days ago and never posted: the PMS has it on its books by now, however it got there.
    const { number, payment } = await paidStatement(12540, 5000);
    await database.db.payment.update({ where: { id: payment.id }, data: { createdAt: days(40) } });
    await importRow(number, "125.40");
    expect(await statement(number)).toMatchObject({ balanceCents: 12540 });
  });

  it("takes a file's time from the inbox file's modification time; an upload's future time is now", async () => {
    const { number, at } = await paidStatement(12540, 5000);
    const dir = await mkdtemp(path.join(tmpdir(), "inbox-"));
    try {
      const name = `PS_${DEMO.practice.clientId}_20261124_${randomUUID().slice(0, 8)}.txt`;
      await writeFile(path.join(dir, name), `${line(number, "125.40", randomUUID())}\r\n`);
      const written = at(-MINUTE);
      await utimes(path.join(dir, name), written, written);
      expect(await processImportInbox({ dir })).toEqual({ imported: 1, rejected: 0 });
      expect(await statement(number)).toMatchObject({ balanceCents: 7540 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // A time after now (a wrong clock) counts as now: the payment is before it, in the file.
    await importRow(number, "75.40", new Date(Date.now() + 24 * 60 * MINUTE));
    expect(await statement(number)).toMatchObject({ balanceCents: 7540 });
  });
});

describe("a balance file that crossed an autopay charge", () => {
  /** An instant in New York (the practice's zone; EDT from 2026-03-08). */
  const nyTime = (iso: string) => new Date(`${iso}-04:00`);
  const clock = fixedClock(nyTime("2026-03-10T10:00:00"));
  beforeAll(() => setClockForTests(clock));
  afterAll(() => setClockForTests(undefined));

  it("charges only what is still owed when the PMS re-bills a statement before hearing of the autopay payment", async () => {
    const gateway = createFakeGateway();
    const practiceId = (await database.db.practice.findFirstOrThrow()).id;
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
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
    await enrollAutopay({
      owner: { kind: "patient", userId: user.id, email: user.email },
      input: ZEnrollAutopayInput.parse({
        accountId: account.id,
        paymentMethodId: method.id,
        limit: "200.00",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context,
    });
    const number = `ST-AP-${randomUUID().slice(0, 6)}`;
    const st = await database.db.statement.create({
      data: {
        accountId: account.id,
        statementNumber: number,
        statementDate: new Date("2026-03-11T00:00:00Z"),
        dueDate: new Date("2026-03-20T00:00:00Z"),
        amountDueCents: 8000, // $80.00
        balanceCents: 8000,
        patientFirstName: "Pat",
        patientLastName: "Example",
        patientDob: new Date("1980-01-01T00:00:00Z"),
      },
    });
    const chargeAt = (iso: string) => {
      clock.set(nyTime(iso));
      return chargeDueAutopay({ now: clock.now(), gateway });
    };
    expect(await chargeAt("2026-03-20T10:00:00")).toMatchObject({ PAID: 1, errors: 0 });
    const autopay = await database.db.payment.findFirstOrThrow({
      where: { channel: "AUTOPAY", allocations: { some: { statementId: st.id } } },
    });
    expect(autopay.amountCents).toBe(8000);

    // The PMS re-bills it at $90.00 (a $10.00 charge added) in a file written before the payment.
    const row = [
      "IMPSCIF",
      "P-1001",
      "Pat",
      "",
      "Example",
      "19800101",
      "",
      number,
      "90.00",
      "20260311",
      DEMO.practice.clientId,
      ...Array.from({ length: 11 }, () => ""),
      "A",
      ...Array.from({ length: 14 }, () => ""),
      "A-1001",
    ].join("|");
    await importBalanceFile({
      practiceId,
      fileName: "PS_RFM001_20260321_AP.txt",
      read: async function* () {
        yield new TextEncoder().encode(`${row}\r\n`);
      },
      actor: { kind: "user", userId: staff.id, role: "BILLING_MANAGER", label: staff.email },
      context,
      writtenAt: new Date(autopay.createdAt.getTime() - MINUTE),
    });
    expect(await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).toMatchObject({
      amountDueCents: 9000,
      balanceCents: 1000,
      status: "PARTIALLY_PAID",
    });

    // The new version is charged for what is still owed, not the $90.00 again.
    await chargeAt("2026-03-21T10:00:00");
    await chargeAt("2026-03-21T11:00:00");
    const charged = await database.db.payment.findMany({
      where: { channel: "AUTOPAY", allocations: { some: { statementId: st.id } } },
      orderBy: { createdAt: "asc" },
      select: { amountCents: true, status: true },
    });
    expect(charged).toEqual([
      { amountCents: 8000, status: "CAPTURED" },
      { amountCents: 1000, status: "CAPTURED" },
    ]);
    expect(await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).toMatchObject({
      balanceCents: 0,
      status: "PAID",
    });
  });
});
