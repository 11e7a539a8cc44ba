import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createManualClock } from "./clock";
import type { TPaymentJson } from "./store";
import {
  eventually,
  pay,
  paymentBody,
  START,
  startReceiver,
  startTestGateway,
  tokenizeCard,
  type TTestGateway,
} from "./test/harness";

describe("a restart", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it("keeps payments, spent tokens, idempotency records and pending webhook deliveries", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "gateway-restart-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    let isUp = false;
    const receiver = await startReceiver(() => (isUp ? 200 : 503));
    cleanup.push(() => receiver.close());
    const clock = createManualClock(START);

    let gw: TTestGateway = await startTestGateway({ dataDir, clock, webhookUrl: receiver.url });
    cleanup.push(() => gw.close());
    const spent = await tokenizeCard(gw, "4111 1111 1111 1111");
    const unspent = await tokenizeCard(gw, "5555 5555 5555 4444");
    const key = randomUUID();
    const body = paymentBody(spent, 12540);
    const first = await gw.api.post<TPaymentJson>("/v1/payments", body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    await eventually(() => receiver.received.length === 1); // answered 503: still pending
    await gw.close();

    isUp = true;
    gw = await startTestGateway({ dataDir, clock, webhookUrl: receiver.url });
    // The payment, byte for byte, and its idempotency record.
    const fetched = await gw.api.get<TPaymentJson>(`/v1/payments/${first.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(first.body);
    const replay = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    // The spent token stays spent; the other one still works.
    expect((await pay(gw, spent)).body.error?.code).toBe("token_used");
    expect((await pay(gw, unspent, 500)).status).toBe(201);

    // The delivery that failed before the restart is retried after it (1 s backoff), same event.
    clock.advance(1000);
    await eventually(
      () => receiver.events().filter((e) => e.data.payment?.id === first.body.id).length === 2,
    );
    const attempts = receiver.events().filter((e) => e.data.payment?.id === first.body.id);
    expect(attempts[1]?.id).toBe(attempts[0]?.id);
    expect(receiver.received.find((r) => r.body.includes(first.body.id))?.body).toBe(
      receiver.received.filter((r) => r.body.includes(first.body.id))[1]?.body,
    );
  });
});
