import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { createManualClock } from "./clock";
import { canonicalJson } from "./http";
import type { TPaymentJson, TStoredMethodJson } from "./store";
import {
  eventually,
  pay,
  paymentBody,
  payStored,
  START,
  startReceiver,
  startTestGateway,
  storeBankAccount,
  storeMethod,
  tokenizeAch,
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

  it("keeps stored methods, their deletion and their idempotency records", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "gateway-restart-vault-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const clock = createManualClock(START);

    let gw: TTestGateway = await startTestGateway({ dataDir, clock });
    cleanup.push(() => gw.close());
    const key = randomUUID();
    const storeBody = { token: await tokenizeCard(gw, "4111 1111 1111 1111", { zip: "02110" }) };
    const stored = await gw.api.post<TStoredMethodJson>("/v1/payment_methods", storeBody, {
      idempotencyKey: key,
    });
    expect(stored.status).toBe(201);
    const saving = await gw.api.post<TPaymentJson>(
      "/v1/payments",
      paymentBody(await tokenizeAch(gw), 8900, { save_method: true }), // $89.00
    );
    const saved = saving.body.stored_method;
    expect(saved?.bank_name).toBe("Federal Reserve Bank of Boston");
    const gone = await storeMethod(gw, await tokenizeCard(gw, "5555 5555 5555 4444"));
    expect((await gw.api.delete(`/v1/payment_methods/${gone.body.id}`)).status).toBe(200);
    await gw.close();

    gw = await startTestGateway({ dataDir, clock });
    expect((await gw.api.get(`/v1/payment_methods/${stored.body.id}`)).text).toBe(stored.text);
    expect((await gw.api.get<TStoredMethodJson>(`/v1/payment_methods/${saved?.id}`)).body).toEqual(saved);
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${saving.body.id}`)).body).toEqual(saving.body);
    const replay = await gw.api.post("/v1/payment_methods", storeBody, { idempotencyKey: key });
    expect(replay.text).toBe(stored.text);
    expect((await payStored(gw, stored.body.id, 1000)).body).toMatchObject({
      status: "approved",
      method: { last4: "1111" },
    }); // $10.00
    expect((await gw.api.get(`/v1/payment_methods/${gone.body.id}`)).status).toBe(404);
    expect((await payStored(gw, gone.body.id)).body.error?.code).toBe("payment_method_not_found");
    // Its fingerprint key survives too: the same card after the restart is recognised.
    const sameCard = await storeMethod(gw, await tokenizeCard(gw, "4111 1111 1111 1111"));
    expect(sameCard.body.fingerprint).toMatch(/^fp_/);
    expect(sameCard.body.fingerprint).toBe(stored.body.fingerprint);
  });

  it("brings a data directory from before stored methods up to date in place", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "gateway-upgrade-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const clock = createManualClock(START);
    let gw: TTestGateway = await startTestGateway({ dataDir, clock });
    cleanup.push(() => gw.close());
    const before = await pay(gw, await tokenizeCard(gw, "4111 1111 1111 1111"));
    const unspent = await tokenizeCard(gw, "4111 1111 1111 1111");
    await gw.close();
    // What the schema was before the vault: no stored-method table or columns.
    const old = await PGlite.create(dataDir);
    await old.exec(`
      DROP TABLE gw_stored_method;
      ALTER TABLE gw_token DROP COLUMN bank_name, DROP COLUMN billing_zip;
      ALTER TABLE gw_payment DROP COLUMN stored_method_id, DROP COLUMN saved_method_id;
    `);
    await old.close();

    gw = await startTestGateway({ dataDir, clock });
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${before.body.id}`)).body).toEqual(before.body);
    // A token made before the upgrade has no ZIP or bank name on file: the method says null.
    const stored = await storeMethod(gw, unspent);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ kind: "card", last4: "1111", billing_zip: null });
    expect((await payStored(gw, stored.body.id, 500)).body.status).toBe("approved"); // $5.00
  });

  it("brings a data directory from before server-to-server bank accounts and keyed fingerprints up to date", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "gateway-upgrade-bank-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const clock = createManualClock(START);
    let gw: TTestGateway = await startTestGateway({ dataDir, clock });
    cleanup.push(() => gw.close());
    const key = randomUUID();
    const body = paymentBody(await tokenizeCard(gw, "4111 1111 1111 1111"), 700); // $7.00
    const first = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    await gw.close();
    const old = await PGlite.create(dataDir);
    // Fingerprints are keyed now (a bank account number may be in a body).
    const [record] = (
      await old.query<{ fingerprint: string }>(`SELECT fingerprint FROM gw_idempotency WHERE key = $1`, [key])
    ).rows;
    expect(record?.fingerprint).toMatch(/^h1:[0-9a-f]{64}$/);
    // What an older gateway wrote: a plain SHA-256 fingerprint, token_id required, no holder columns.
    const legacy = createHash("sha256")
      .update(`POST /v1/payments\n${canonicalJson(body)}`)
      .digest("hex");
    await old.query(`UPDATE gw_idempotency SET fingerprint = $2 WHERE key = $1`, [key, legacy]);
    await old.exec(`
      ALTER TABLE gw_stored_method DROP COLUMN holder_name, DROP COLUMN holder_type;
      ALTER TABLE gw_stored_method ALTER COLUMN token_id SET NOT NULL;
    `);
    await old.close();

    gw = await startTestGateway({ dataDir, clock });
    // A record made before still replays its request (and still refuses another).
    const replay = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(
      (await gw.api.post("/v1/payments", { ...body, amount_cents: 800 }, { idempotencyKey: key })).status,
    ).toBe(422);
    const bank = await storeBankAccount(gw);
    expect(bank.status).toBe(201);
    expect((await payStored(gw, bank.body.id, 500)).body.status).toBe("approved"); // $5.00
  });
  it("leaves refunds made before settlement batches out of the first batch", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "gateway-upgrade-batches-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const clock = createManualClock(START);
    let gw: TTestGateway = await startTestGateway({ dataDir, clock });
    cleanup.push(() => gw.close());
    const sale = await pay(gw, await tokenizeCard(gw, "4111 1111 1111 1111"), 3000); // $30.00
    await gw.api.post("/v1/settlements", {});
    const refund = await gw.api.post<{ id: string }>(`/v1/payments/${sale.body.id}/refunds`, {
      amount_cents: 500,
    });
    expect(refund.status).toBe(201);
    await gw.close();
    // What an older gateway had: no batches, and refunds without a batch column.
    const old = await PGlite.create(dataDir);
    await old.exec(`
      DROP TABLE gw_settlement_item, gw_settlement_batch;
      DROP INDEX gw_refund_unsettled;
      ALTER TABLE gw_refund DROP COLUMN settlement_batch_id;
    `);
    await old.close();

    gw = await startTestGateway({ dataDir, clock });
    const later = await pay(gw, await tokenizeCard(gw, "4111 1111 1111 1111"), 1000); // $10.00
    const settled = await gw.api.post<{ batch_id: string }>("/v1/settlements", {});
    const batch = await gw.api.get<{
      refunds: { count: number };
      transactions: { data: { payment_id: string }[] };
    }>(`/v1/settlement-batches/${settled.body.batch_id}`);
    expect(batch.body.refunds.count).toBe(0);
    expect(batch.body.transactions.data.map((t) => t.payment_id)).toEqual([later.body.id]);
  });
});
