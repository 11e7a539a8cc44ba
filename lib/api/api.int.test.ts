import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAccount } from "@/app/api/v1/accounts/[number]/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { GET as getPayment, POST as postPayment } from "@/app/api/v1/payments/[id]/route";
import { GET as listPayments } from "@/app/api/v1/payments/route";
import { GET as listPlans } from "@/app/api/v1/plans/route";
import { PUT as putStatement } from "@/app/api/v1/statements/[number]/route";
import { GET as unknownPath } from "@/app/api/v1/[[...path]]/route";
import { cleanupApiIdempotency } from "@/lib/api/cleanup";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { parseBalanceRow } from "@/lib/files/balance-file";
import {
  makeAccount,
  makeEvent,
  makePayment,
  makePlan,
  makePractice,
  makeStatement,
} from "@/lib/test/api-fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase();
const cli = { kind: "command-line" } as const;

type THandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const call = async (
  handler: unknown,
  {
    path,
    key,
    method = "GET",
    params = {},
    body,
    headers = {},
  }: {
    path: string;
    key?: string;
    method?: string;
    params?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
  },
) => {
  const response = await (handler as THandler)(
    new Request(`http://localhost:3000/api/v1${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
};

/** A problem's body without what differs per request. */
const sansRequest = (problem: Record<string, unknown>) => {
  const { request_id: _id, instance: _instance, ...rest } = problem;
  return rest;
};

let practice: { id: string; clientId: string };
let other: { id: string };
let readKey: string;
let writeKey: string;
let readKeyId: string;
let otherKey: string;
let account: { id: string; accountNumber: string };
let statement: { id: string; statementNumber: string };

beforeAll(async () => {
  practice = await makePractice(database.db);
  other = await makePractice(database.db);
  const read = await createApiKey({ practiceId: practice.id, name: "read", scope: "read", actor: cli });
  readKey = read.key;
  readKeyId = read.id;
  writeKey = (await createApiKey({ practiceId: practice.id, name: "write", scope: "write", actor: cli })).key;
  otherKey = (await createApiKey({ practiceId: other.id, name: "other", scope: "write", actor: cli })).key;
  account = await makeAccount(database.db, practice.id);
  statement = await makeStatement(database.db, account.id);
});

describe("keys", () => {
  it("answers 401 problem+json without a key, with a wrong one and with a revoked one", async () => {
    const none = await call(listPayments, { path: "/payments" });
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(none.json).toMatchObject({
      type: "http://localhost:3000/api/v1/problems/unauthorized",
      title: "A valid API key is required.",
      status: 401,
      instance: "/api/v1/payments",
    });
    expect(none.json.request_id).toBe(none.headers.get("x-request-id"));

    const revoked = await createApiKey({ practiceId: practice.id, name: "old", scope: "read", actor: cli });
    expect((await call(listPayments, { path: "/payments", key: revoked.key })).status).toBe(200);
    await revokeApiKey({ prefix: revoked.prefix, actor: cli });
    const refused = await call(listPayments, { path: "/payments", key: revoked.key });
    expect(refused.status).toBe(401);
    expect(refused.json.detail).toMatch(/revoked/);
    expect((await call(listPayments, { path: "/payments", key: "ppk_live_nope" })).status).toBe(401);
  });

  it("refuses a read key writing with 403, and writes nothing", async () => {
    const answer = await call(putStatement, {
      method: "PUT",
      path: "/statements/S-READ-1",
      params: { number: "S-READ-1" },
      key: readKey,
      headers: { "idempotency-key": "read-key-try-1" },
      body: { amount_due_cents: 100 },
    });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({
      status: 403,
      type: "http://localhost:3000/api/v1/problems/forbidden",
    });
    expect(await database.db.statement.count({ where: { statementNumber: "S-READ-1" } })).toBe(0);
  });

  it("answers 429 with Retry-After past the key's limit, for every instance alike", async () => {
    const limited = await createApiKey({
      practiceId: practice.id,
      name: "limited",
      scope: "read",
      actor: cli,
    });
    await database.db.apiKey.update({ where: { id: limited.id }, data: { rateLimitPerMinute: 2 } });
    // Two windows could be straddled by a slow machine: start at the top of a fresh minute's count.
    const statuses = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await call(listPayments, { path: "/payments", key: limited.key });
      statuses.push(last.status);
    }
    if (statuses[2] !== 429) {
      // The minute turned between the calls: the count started again; one more call is over it.
      last = await call(listPayments, { path: "/payments", key: limited.key });
      last = last.status === 429 ? last : await call(listPayments, { path: "/payments", key: limited.key });
    }
    expect(last!.status).toBe(429);
    const retryAfter = Number(last!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(last!.headers.get("content-type")).toBe("application/problem+json");
    expect(last!.json).toMatchObject({
      status: 429,
      type: "http://localhost:3000/api/v1/problems/rate-limited",
    });
    expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
  });
});

describe("GET /payments and /payments/{id}", () => {
  it("lists the practice's payments page by page in the order of their last change, and records each as posted once", async () => {
    const p = await makePractice(database.db);
    const key = (await createApiKey({ practiceId: p.id, name: "k", scope: "read", actor: cli })).key;
    const acc = await makeAccount(database.db, p.id);
    const st = await makeStatement(database.db, acc.id);
    const base = Date.now() - 10 * 60_000;
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(
        await makePayment(database.db, {
          practiceId: p.id,
          accountId: acc.id,
          statementId: st.id,
          updatedAt: new Date(base + i * 1000),
        }),
      );
    }
    // Another practice's payment never shows.
    const foreignAccount = await makeAccount(database.db, other.id);
    const foreignStatement = await makeStatement(database.db, foreignAccount.id);
    await makePayment(database.db, {
      practiceId: other.id,
      accountId: foreignAccount.id,
      statementId: foreignStatement.id,
    });

    const first = await call(listPayments, { path: "/payments?limit=2", key });
    expect(first.status).toBe(200);
    expect(first.json.data.map((x: { id: string }) => x.id)).toEqual([made[0]!.id, made[1]!.id]);
    expect(first.json.has_more).toBe(true);
    // A payment made while paging, and one still settling (changed just now), do not disturb the walk.
    const late = await makePayment(database.db, {
      practiceId: p.id,
      accountId: acc.id,
      statementId: st.id,
      updatedAt: new Date(base + 5000),
    });
    await makePayment(database.db, {
      practiceId: p.id,
      accountId: acc.id,
      statementId: st.id,
      updatedAt: new Date(),
    });
    const second = await call(listPayments, {
      path: `/payments?limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`,
      key,
    });
    expect(second.json.data.map((x: { id: string }) => x.id)).toEqual([made[2]!.id, late.id]);
    expect(second.json.has_more).toBe(false);
    const third = await call(listPayments, { path: `/payments?cursor=${second.json.next_cursor}`, key });
    expect(third.json).toEqual({
      object: "list",
      data: [],
      has_more: false,
      next_cursor: second.json.next_cursor,
    });

    expect(first.json.data[0]).toEqual({
      object: "payment",
      id: made[0]!.id,
      status: "captured",
      amount_cents: 5000,
      refunded_cents: 0,
      currency: "USD",
      channel: "web",
      method: { kind: "card", brand: "visa", last4: "4242" },
      receipt_number: made[0]!.receiptNumber,
      account_number: acc.accountNumber,
      plan_id: null,
      applied_to: [{ statement_number: st.statementNumber, amount_cents: 5000 }],
      gateway_transaction_id: made[0]!.gatewayTransactionId,
      authorization_code: "A1B2C3",
      decline_code: null,
      decline_message: null,
      created_at: new Date(base).toISOString(),
      updated_at: new Date(base).toISOString(),
      captured_at: new Date(base).toISOString(),
      settled_at: null,
      voided_at: null,
      returned_at: null,
    });
    const postings = await database.db.paymentPosting.findMany({ where: { payment: { practiceId: p.id } } });
    expect(postings).toHaveLength(4);
    expect(new Set(postings.map((x) => x.channel))).toEqual(new Set(["API"]));
    // Reading again records nothing more.
    await call(listPayments, { path: "/payments", key });
    expect(await database.db.paymentPosting.count({ where: { payment: { practiceId: p.id } } })).toBe(4);
  });

  it("filters by status, account, channel and updated_since, and refuses unknown or bad parameters", async () => {
    const p = await makePractice(database.db);
    const key = (await createApiKey({ practiceId: p.id, name: "k", scope: "read", actor: cli })).key;
    const a1 = await makeAccount(database.db, p.id);
    const a2 = await makeAccount(database.db, p.id);
    const s1 = await makeStatement(database.db, a1.id);
    const s2 = await makeStatement(database.db, a2.id);
    const old = await makePayment(database.db, {
      practiceId: p.id,
      accountId: a1.id,
      statementId: s1.id,
      updatedAt: new Date("2026-11-01T00:00:00Z"),
    });
    const declined = await makePayment(database.db, {
      practiceId: p.id,
      accountId: a1.id,
      statementId: s1.id,
      status: "DECLINED",
    });
    const autopay = await makePayment(database.db, {
      practiceId: p.id,
      accountId: a2.id,
      statementId: s2.id,
      channel: "AUTOPAY",
    });
    const ids = async (query: string) =>
      (await call(listPayments, { path: `/payments?${query}`, key })).json.data.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids("status=declined")).toEqual([declined.id]);
    expect(await ids(`account=${a2.accountNumber}`)).toEqual([autopay.id]);
    expect(await ids("channel=autopay")).toEqual([autopay.id]);
    expect((await ids("updated_since=2026-11-15T00:00:00Z")).sort()).toEqual(
      [declined.id, autopay.id].sort(),
    );
    expect(
      await ids("updated_since=2026-10-01T00:00:00%2B02:00&status=captured&account=" + a1.accountNumber),
    ).toEqual([old.id]);

    const bad = await call(listPayments, { path: "/payments?status=paid&limit=500&updatedsince=x", key });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.json.type).toBe("http://localhost:3000/api/v1/problems/invalid-request");
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "limit",
      "status",
      "updatedsince",
    ]);
    const dayOnly = await call(listPayments, { path: "/payments?updated_since=2026-12-01", key });
    expect(dayOnly.json.errors).toEqual([
      {
        field: "updated_since",
        code: "invalid_format",
        detail:
          "updated_since must be an instant with its offset, e.g. 2026-12-01T00:00:00Z or 2026-12-01T00:00:00-05:00.",
      },
    ]);
    const badCursor = await call(listPayments, { path: "/payments?cursor=abc", key });
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.errors[0].field).toBe("cursor");
  });

  it("answers another practice's payment exactly as a missing one", async () => {
    const mine = await makePayment(database.db, {
      practiceId: practice.id,
      accountId: account.id,
      statementId: statement.id,
    });
    const found = await call(getPayment, {
      path: `/payments/${mine.id}`,
      params: { id: mine.id },
      key: readKey,
    });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      id: mine.id,
      amount_cents: 5000,
      account_number: account.accountNumber,
    });
    expect(await database.db.paymentPosting.findFirst({ where: { paymentId: mine.id } })).toMatchObject({
      channel: "API",
      reference: readKeyId,
    });

    const foreign = await call(getPayment, {
      path: `/payments/${mine.id}`,
      params: { id: mine.id },
      key: otherKey,
    });
    const missing = await call(getPayment, {
      path: "/payments/pay_nothing",
      params: { id: "pay_nothing" },
      key: otherKey,
    });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(sansRequest(foreign.json)).toEqual(sansRequest(missing.json));
    expect(await database.db.paymentPosting.count({ where: { paymentId: mine.id } })).toBe(1);
  });

  it("answers a method the path does not have, and a path it does not know, with problems", async () => {
    const post = await call(postPayment, { method: "POST", path: "/payments/x", key: readKey });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    expect(post.headers.get("content-type")).toBe("application/problem+json");
    const nowhere = await call(unknownPath, { path: "/invoices" });
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get("content-type")).toBe("application/problem+json");
    expect(nowhere.json).toMatchObject({ status: 404, instance: "/api/v1/invoices" });
  });
});

describe("GET /events", () => {
  it("lists the practice's events in order, exactly as sent, after a cursor, and never past one still settling", async () => {
    const p = await makePractice(database.db);
    const key = (await createApiKey({ practiceId: p.id, name: "k", scope: "read", actor: cli })).key;
    const keyId = (await database.db.apiKey.findFirstOrThrow({ where: { practiceId: p.id } })).id;
    const acc = await makeAccount(database.db, p.id);
    const st = await makeStatement(database.db, acc.id);
    const pay = await makePayment(database.db, { practiceId: p.id, accountId: acc.id, statementId: st.id });
    const e1 = await makeEvent(database.db, {
      practiceId: p.id,
      paymentId: pay.id,
      data: { payment: { id: pay.id } },
    });
    await makeEvent(database.db, { practiceId: other.id });
    const e2 = await makeEvent(database.db, {
      practiceId: p.id,
      type: "plan.created",
      data: { plan: { id: "x" } },
    });

    const all = await call(listEvents, { path: "/events", key });
    expect(all.status).toBe(200);
    expect(all.json.data).toEqual([e1.body, e2.body]);
    expect(all.json.next_cursor).toBe(String(e2.seq));
    const posting = await database.db.paymentPosting.findFirstOrThrow({ where: { paymentId: pay.id } });
    expect(posting).toMatchObject({ channel: "API", reference: keyId, detail: e1.id });

    const afterFirst = await call(listEvents, { path: `/events?after=${e1.seq}&limit=1`, key });
    expect(afterFirst.json).toEqual({
      object: "list",
      data: [e2.body],
      has_more: false,
      next_cursor: String(e2.seq),
    });

    // An event written just now (its transaction may still have company committing behind it)
    // holds back every later one until it is a few seconds old.
    await makeEvent(database.db, { practiceId: p.id, createdAt: new Date() });
    const e4 = await makeEvent(database.db, { practiceId: p.id });
    const held = await call(listEvents, { path: `/events?after=${e2.seq}`, key });
    expect(held.json).toEqual({ object: "list", data: [], has_more: false, next_cursor: String(e2.seq) });
    await database.db
      .$executeRaw`UPDATE "integration_event" SET "createdAt" = now() - interval '1 minute' WHERE "practiceId" = ${p.id}`;
    const released = await call(listEvents, { path: `/events?after=${e2.seq}`, key });
    expect(released.json.data.map((e: { id: string }) => e.id)).toHaveLength(2);
    expect(released.json.next_cursor).toBe(String(e4.seq));

    const bad = await call(listEvents, { path: "/events?after=-1", key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toMatchObject({ field: "after" });
  });
});

describe("GET /accounts/{number}", () => {
  it("answers the account with its open statements, and another practice's as not found", async () => {
    const acc = await makeAccount(database.db, practice.id);
    const open = await makeStatement(database.db, acc.id, { balanceCents: 2000 });
    await makeStatement(database.db, acc.id, { balanceCents: 0, status: "PAID" });
    await makeStatement(database.db, acc.id, { balanceCents: 900, status: "VOIDED" });
    const found = await call(getAccount, {
      path: `/accounts/${acc.accountNumber}`,
      params: { number: acc.accountNumber },
      key: readKey,
    });
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      object: "account",
      account_number: acc.accountNumber,
      guarantor: { first_name: "Maria", last_name: "Lopez" },
      open_balance_cents: 2000,
    });
    expect(found.json.open_statements.map((s: { statement_number: string }) => s.statement_number)).toEqual([
      open.statementNumber,
    ]);
    const foreign = await call(getAccount, {
      path: `/accounts/${acc.accountNumber}`,
      params: { number: acc.accountNumber },
      key: otherKey,
    });
    const missing = await call(getAccount, {
      path: "/accounts/NOPE",
      params: { number: "NOPE" },
      key: otherKey,
    });
    expect(foreign.status).toBe(404);
    expect(sansRequest(foreign.json)).toEqual(sansRequest(missing.json));
  });
});

describe("PUT /statements/{number}", () => {
  const row = {
    patient_id: "P-88231",
    patient_first_name: "Maria",
    patient_last_name: "Lopez",
    patient_dob: "1984-03-09",
    amount_due_cents: 12540,
    statement_date: "2026-11-30",
    status: "A",
    guarantor_id: "G-100234",
    recipient_zip: "12180",
  };
  const put = (number: string, body: unknown, idempotencyKey?: string, key = writeKey) =>
    call(putStatement, {
      method: "PUT",
      path: `/statements/${number}`,
      params: { number },
      key,
      body,
      headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {},
    });

  it("creates the statement and its account as the balance file would, then updates it", async () => {
    const created = await put("S-API-1", row, "create-S-API-1");
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      object: "statement",
      statement_number: "S-API-1",
      account_number: "G-100234",
      status: "open",
      amount_due_cents: 12540,
      balance_cents: 12540,
      statement_date: "2026-11-30",
    });
    const stored = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "S-API-1" },
      include: { account: true },
    });
    expect(stored.account).toMatchObject({
      practiceId: practice.id,
      accountNumber: "G-100234",
      guarantorFirstName: "Maria",
    });
    expect(stored.patientDob).toEqual(new Date("1984-03-09T00:00:00Z"));

    const updated = await call(putStatement, {
      method: "PUT",
      path: "/statements/S-API-1",
      params: { number: "S-API-1" },
      key: writeKey,
      body: { ...row, amount_due_cents: 0 },
      headers: {
        "idempotency-key": "update-S-API-1",
        "x-forwarded-for": "203.0.113.9",
        "user-agent": "pms-sync/1.0",
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ amount_due_cents: 0, balance_cents: 0, status: "paid" });
    const audits = await database.db.auditLog.findMany({
      where: { action: { startsWith: "api.statement_" }, targetId: stored.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(2);
    // Who wrote it: the key (by its prefix), from where.
    expect(audits[1]).toMatchObject({ ip: "203.0.113.9", userAgent: "pms-sync/1.0" });
    const label = audits[1]!.actorLabel!;
    expect(label).toMatch(/^api key .{8,}…$/);
    expect(writeKey.startsWith(label.slice("api key ".length, -1))).toBe(true);
  });

  it("answers the same key and body with the same answer, once, and refuses the key with another body", async () => {
    const first = await put("S-API-2", row, "idem-S-API-2");
    const again = await put("S-API-2", row, "idem-S-API-2");
    expect(again.status).toBe(first.status);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const changed = await put("S-API-2", { ...row, amount_due_cents: 1 }, "idem-S-API-2");
    expect(changed.status).toBe(422);
    expect(changed.json.type).toBe("http://localhost:3000/api/v1/problems/idempotency-key-reused");
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "S-API-2" } }))
        .amountDueCents,
    ).toBe(12540);
    // Two at once with one key: one write, both answered alike.
    const [a, b] = await Promise.all([
      put("S-API-3", row, "idem-S-API-3"),
      put("S-API-3", row, "idem-S-API-3"),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 201]);
    expect(a.json).toEqual(b.json);
    expect(
      await database.db.auditLog.count({
        where: {
          action: "api.statement_created",
          metadata: { path: ["statementNumber"], equals: "S-API-3" },
        },
      }),
    ).toBe(1);
  });

  it("forgets a key's answer after a day, so the key may be used again", async () => {
    const first = await put("S-API-6", row, "idem-S-API-6");
    expect(first.status).toBe(201);
    await database.db.apiIdempotency.updateMany({
      where: { idempotencyKey: "idem-S-API-6" },
      data: { createdAt: new Date(Date.now() - 25 * 60 * 60_000) },
    });
    await put("S-API-7", row, "idem-S-API-7");
    expect((await cleanupApiIdempotency()).deleted).toBe(1);
    expect(await database.db.apiIdempotency.count({ where: { idempotencyKey: "idem-S-API-7" } })).toBe(1);
    const reused = await put("S-API-6", { ...row, amount_due_cents: 99 }, "idem-S-API-6");
    expect(reused.status).toBe(200);
    expect(reused.json.balance_cents).toBe(99);
  });

  it("needs an Idempotency-Key and JSON", async () => {
    const none = await put("S-API-4", row);
    expect(none.status).toBe(400);
    expect(none.json.errors).toEqual([expect.objectContaining({ field: "Idempotency-Key" })]);
    const text = await call(putStatement, {
      method: "PUT",
      path: "/statements/S-API-4",
      params: { number: "S-API-4" },
      key: writeKey,
      headers: { "idempotency-key": "text-body-1", "content-type": "text/plain" },
      body: "amount=1",
    });
    expect(text.status).toBe(415);
    const broken = await call(putStatement, {
      method: "PUT",
      path: "/statements/S-API-4",
      params: { number: "S-API-4" },
      key: writeKey,
      headers: { "idempotency-key": "broken-body-1" },
      body: "{",
    });
    expect(broken.status).toBe(400);
    expect(await database.db.statement.count({ where: { statementNumber: "S-API-4" } })).toBe(0);
  });

  it("refuses what the balance file refuses, with the file's reasons, naming each JSON field, and writes nothing", async () => {
    const bad = {
      ...row,
      patient_first_name: null,
      amount_due_cents: -100,
      statement_date: "2026-02-30",
      recipient_state: "ZZ",
      extra: 1,
    };
    const shape = await put("S-API-5", bad, "bad-S-API-5");
    expect(shape.status).toBe(400);
    expect(shape.json.errors).toEqual([expect.objectContaining({ field: "/", code: "unrecognized_keys" })]);
    const { extra: _extra, ...withoutExtra } = bad;
    const answer = await put("S-API-5", withoutExtra, "bad-S-API-5");
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([
      {
        field: "/amount_due_cents",
        code: "negative_amount",
        detail: "amount_due_cents must not be negative.",
      },
      {
        field: "/statement_date",
        code: "bad_date",
        detail: "statement_date is not a real date (YYYY-MM-DD).",
      },
      {
        field: "/recipient_state",
        code: "bad_state",
        detail: "recipient_state is not a two-letter US state code.",
      },
    ]);
    // The same row in a file is refused for the same reasons.
    const fields = Array.from({ length: 48 }, () => "");
    Object.assign(fields, {
      0: "IMPSCIF",
      1: "P-88231",
      4: "Lopez",
      5: "19840309",
      7: "S-API-5",
      8: "-1.00",
      9: "20260230",
      10: practice.clientId,
      22: "A",
      34: "ZZ",
    });
    const fromFile = parseBalanceRow(fields.join("|"));
    expect(fromFile.ok ? [] : fromFile.errors.map((e) => e.code.toLowerCase())).toEqual(
      answer.json.errors.map((e: { code: string }) => e.code),
    );
    const missingName = await put("S-API-5", { ...row, patient_first_name: undefined }, "bad-S-API-5b");
    expect(missingName.json.errors).toEqual([
      { field: "/patient_first_name", code: "missing_field", detail: "patient_first_name is required." },
    ]);
    expect(await database.db.statement.count({ where: { statementNumber: "S-API-5" } })).toBe(0);
  });

  it("keeps a portal payment the PMS had not heard of at as_of as a credit (the crossing rule)", async () => {
    await put("S-API-X", row, "cross-create");
    const stored = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "S-API-X" },
      select: { id: true, accountId: true },
    });
    // The patient paid $50.00 ten minutes ago, through the portal.
    await makePayment(database.db, {
      practiceId: practice.id,
      accountId: stored.accountId,
      statementId: stored.id,
      amountCents: 5000,
      updatedAt: new Date(Date.now() - 10 * 60_000),
    });
    // The PMS read its balance twenty minutes ago, before the payment: $125.40 still, less $50.00.
    const crossing = await put(
      "S-API-X",
      { ...row, as_of: new Date(Date.now() - 20 * 60_000).toISOString() },
      "cross-before",
    );
    expect(crossing.status).toBe(200);
    expect(crossing.json).toMatchObject({
      amount_due_cents: 12540,
      balance_cents: 7540,
      status: "partially_paid",
    });
    // Read after the payment by a practice that posts by hand: the PMS's $125.40 already counts it.
    const after = await put("S-API-X", { ...row, as_of: new Date().toISOString() }, "cross-after");
    expect(after.json).toMatchObject({ amount_due_cents: 12540, balance_cents: 12540 });
  });

  it("refuses a number that is another account's or another practice's statement (409), as the file does", async () => {
    const foreignAccount = await makeAccount(database.db, other.id);
    const foreign = await makeStatement(database.db, foreignAccount.id, { balanceCents: 777 });
    const answer = await put(foreign.statementNumber, row, "conflict-1");
    expect(answer.status).toBe(409);
    expect(answer.json.type).toBe("http://localhost:3000/api/v1/problems/statement-conflict");
    const mineOtherAccount = await put(statement.statementNumber, row, "conflict-2");
    expect(mineOtherAccount.status).toBe(409);
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: foreign.id } })).balanceCents).toBe(
      777,
    );
  });
});

describe("GET /plans", () => {
  it("lists the practice's plans with their schedules, filtered", async () => {
    const p = await makePractice(database.db);
    const key = (await createApiKey({ practiceId: p.id, name: "k", scope: "read", actor: cli })).key;
    const acc = await makeAccount(database.db, p.id);
    const st = await makeStatement(database.db, acc.id);
    const plan = await makePlan(database.db, { accountId: acc.id, statementId: st.id });
    const foreignAccount = await makeAccount(database.db, other.id);
    await makePlan(database.db, {
      accountId: foreignAccount.id,
      statementId: (await makeStatement(database.db, foreignAccount.id)).id,
    });
    const answer = await call(listPlans, { path: "/plans", key });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toHaveLength(1);
    expect(answer.json.data[0]).toMatchObject({
      object: "plan",
      id: plan.id,
      status: "active",
      account_number: acc.accountNumber,
      statement_numbers: [st.statementNumber],
      total_cents: 12000,
      installment_count: 3,
      frequency: "monthly",
      installments: [
        { sequence: 1, due_date: "2026-12-15", amount_cents: 4000, status: "scheduled", payment_id: null },
        { sequence: 2, due_date: "2027-01-15", amount_cents: 4000, status: "scheduled", payment_id: null },
        { sequence: 3, due_date: "2027-02-15", amount_cents: 4000, status: "scheduled", payment_id: null },
      ],
    });
    expect((await call(listPlans, { path: "/plans?status=completed", key })).json.data).toEqual([]);
    expect(
      (await call(listPlans, { path: `/plans?account=${acc.accountNumber}`, key })).json.data,
    ).toHaveLength(1);
  });
});
