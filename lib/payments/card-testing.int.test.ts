import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import type { TPayBillInput } from "@/lib/payments/schemas";
import { TOO_MANY_DECLINES } from "@/lib/rate-limit/card-velocity";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { addMethod } from "@/lib/saved-methods/add-method";

const database = setupTestDatabase({ seed: true });

/** Card testing: declines pause card attempts before the processor sees more (lib/rate-limit/card-velocity.ts). */
describe("card-testing limits", () => {
  let gateway: TFakeGateway;
  const ids: Record<string, string> = {};
  const guest = (number: string): TPayer => ({ kind: "guest", statementId: ids[number]! });

  const input = (number: string, token: string, idempotencyKey: string = randomUUID()): TPayBillInput => ({
    allocations: [{ statementId: ids[number]!, amount: 1000 as Cents }], // $10.00
    token,
    methodKind: "CARD",
    idempotencyKey,
  });
  const pay = (number: string, token: string, ip = "203.0.113.80", key?: string) =>
    payBill({ payer: guest(number), input: input(number, token, key), context: requestFrom(ip), gateway });

  /** The pause is over: as if its 15 minutes had passed. */
  const endPause = async () => {
    const past = new Date(Date.now() - 16 * 60_000);
    await database.db.rateLimitEvent.updateMany({ data: { createdAt: past } });
    await database.db.rateLimitLock.updateMany({
      where: { lockedUntil: { gt: past } },
      data: { lockedUntil: past },
    });
  };

  beforeAll(async () => {
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
  });

  it("five declines on a statement pause card payments on it for 15 minutes, before the processor sees a sixth", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(pay("ST-1001", "tok_decline_generic")).rejects.toMatchObject({ code: "CARD_DECLINED" });
    }
    expect(gateway.chargeCount()).toBe(5);
    // A good card is refused too, from another address, with a message that says what to do.
    await expect(pay("ST-1001", "tok_ok_visa_1111", "198.51.100.9")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      userMessage: TOO_MANY_DECLINES,
    });
    expect(gateway.chargeCount()).toBe(5);
    expect(await database.db.payment.count({ where: { status: { notIn: ["DECLINED"] } } })).toBe(0);
    // Another statement from another address is not held back.
    await expect(pay("ST-1002", "tok_ok_visa_1111", "198.51.100.10")).resolves.toMatchObject({
      status: "CAPTURED",
    });

    await endPause();
    await expect(pay("ST-1001", "tok_ok_visa_1111")).resolves.toMatchObject({ status: "CAPTURED" });
  });

  it("twelve attempts at once from one guest reach the processor at most five times", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => pay("ST-1002", "tok_decline_generic")),
    );
    expect(gateway.chargeCount()).toBeLessThanOrEqual(5);
    const reasons = results.map((r) =>
      r.status === "rejected" ? (r.reason as { code: string }).code : "ok",
    );
    expect(reasons.filter((c) => c === "CARD_DECLINED").length).toBe(gateway.chargeCount());
    expect(reasons.filter((c) => c === "RATE_LIMITED").length).toBe(12 - gateway.chargeCount());
  });

  it("a retry of a payment already made still gets it while payments are paused", async () => {
    const key = randomUUID();
    const first = await pay("ST-1001", "tok_ok_visa_1111", "203.0.113.81", key);
    for (let i = 0; i < 5; i++) {
      await expect(pay("ST-1001", "tok_decline_generic", "203.0.113.81")).rejects.toMatchObject({
        code: "CARD_DECLINED",
      });
    }
    await expect(pay("ST-1001", "tok_ok_visa_1111", "203.0.113.81", key)).resolves.toEqual(first);
    expect(gateway.chargeCount()).toBe(6);
  });

  it("a processor error or a payment that goes through is no decline", async () => {
    for (let i = 0; i < 6; i++) {
      await expect(pay("ST-1002", "tok_processor_error")).rejects.toMatchObject({
        code: "GATEWAY_UNAVAILABLE",
      });
    }
    await expect(pay("ST-1002", "tok_ok_visa_1111")).resolves.toMatchObject({ status: "CAPTURED" });
  });

  it("saving a declined card to the wallet counts too: a patient's sixth try is refused unsent", async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const save = (token: string) =>
      addMethod({
        owner: { userId: user.id, email: user.email },
        input: {
          token,
          holderName: "Pat Rivera",
          nickname: null,
          makeDefault: false,
          idempotencyKey: randomUUID(),
        },
        context: requestFrom("203.0.113.82"),
        gateway,
      });
    for (let i = 0; i < 5; i++) {
      await expect(save("tok_decline_insufficient_funds")).rejects.toMatchObject({ code: "CARD_DECLINED" });
    }
    await expect(save("tok_ok_visa_4242")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(gateway.storedMethods.size).toBe(0);
  });
});
