import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAccount } from "@/app/api/v1/accounts/[number]/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getPaymentImportAck } from "@/app/api/v1/payment-imports/[id]/acknowledgement/route";
import { GET as getPaymentImport } from "@/app/api/v1/payment-imports/[id]/route";
import { POST as postPaymentImport } from "@/app/api/v1/payment-imports/route";
import { GET as getPayment } from "@/app/api/v1/payments/[id]/route";
import { GET as listPayments } from "@/app/api/v1/payments/route";
import { GET as listPlans } from "@/app/api/v1/plans/route";
import { GET as getProblemType } from "@/app/api/v1/problems/[type]/route";
import { PUT as putStatement } from "@/app/api/v1/statements/[number]/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import {
  makeAccount,
  makeEvent,
  makePayment,
  makePlan,
  makePractice,
  makeStatement,
} from "@/lib/test/api-fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * The OpenAPI document is checked by a validator that is not ours, and every route answers as
 * it says: each documented operation is called (successes and the problems it lists), the
 * status must be one the document lists, and the body is checked with ajv against the
 * document's own schema for that status.
 */

const database = setupTestDatabase();
const cli = { kind: "command-line" } as const;

type THandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type TOperation = {
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { example?: unknown }> };
};
type TDoc = { paths: Record<string, Record<string, TOperation>> };

const HANDLERS: Record<string, Record<string, unknown>> = {
  "/payments": { get: listPayments },
  "/payments/{id}": { get: getPayment },
  "/events": { get: listEvents },
  "/accounts/{number}": { get: getAccount },
  "/statements/{number}": { put: putStatement },
  "/plans": { get: listPlans },
  "/payment-imports": { post: postPaymentImport },
  "/payment-imports/{id}": { get: getPaymentImport },
  "/payment-imports/{id}/acknowledgement": { get: getPaymentImportAck },
  "/openapi.json": { get: getOpenApi },
  "/problems/{type}": { get: getProblemType },
};

let doc: TDoc;
let ajv: Ajv2020;
const checked = new Set<string>();

const request = async ({
  method,
  template,
  params = {},
  query = "",
  key,
  body,
  headers = {},
}: {
  method: "get" | "put" | "post";
  template: string;
  params?: Record<string, string>;
  query?: string;
  key?: string;
  /** JSON, or a string sent as it is (text/plain). */
  body?: unknown;
  headers?: Record<string, string>;
}) => {
  const handler = HANDLERS[template]?.[method] as THandler;
  const pathname = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
  const response = await handler(
    new Request(`http://localhost:3000/api/v1${pathname}${query}`, {
      method: method.toUpperCase(),
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined
          ? {}
          : { "content-type": typeof body === "string" ? "text/plain" : "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  const contentType = response.headers.get("content-type");
  return {
    status: response.status,
    /** The media type, without its parameters (text/plain; charset=utf-8 is text/plain). */
    contentType: contentType?.split(";")[0]?.trim() ?? null,
    body: contentType?.startsWith("text/plain") ? await response.text() : await response.json(),
  };
};

/** Calls the route and checks its answer against the document: a listed status, a matching body. */
const expectDocumented = async (
  call: Parameters<typeof request>[0],
  expectedStatus: number,
): Promise<Awaited<ReturnType<typeof request>>> => {
  const answer = await request(call);
  expect(answer.status).toBe(expectedStatus);
  const documented = doc.paths[call.template]?.[call.method]?.responses[String(answer.status)];
  expect(documented, `${call.method} ${call.template} ${answer.status} is documented`).toBeDefined();
  const mediaType = answer.contentType!;
  expect(Object.keys(documented!.content ?? {})).toContain(mediaType);
  const pointer = [
    "paths",
    call.template,
    call.method,
    "responses",
    String(answer.status),
    "content",
    mediaType,
    "schema",
  ]
    .map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("/");
  const validate = ajv.getSchema(`openapi.json#/${pointer}`)!;
  expect(validate, pointer).toBeDefined();
  const isValid = validate(answer.body);
  expect(validate.errors ?? [], JSON.stringify(answer.body).slice(0, 500)).toEqual([]);
  expect(isValid).toBe(true);
  checked.add(`${call.method} ${call.template} ${answer.status}`);
  return answer;
};

let readKey: string;
let writeKey: string;
let limitedKey: string;
let paymentId: string;
let accountNumber: string;
let foreignStatement: string;
let clientId: string;
let exampleAccount: string;
let unfinishedImport: string;

beforeAll(async () => {
  doc = (await request({ method: "get", template: "/openapi.json" })).body as TDoc;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, "openapi.json");

  const practice = await makePractice(database.db);
  const other = await makePractice(database.db);
  readKey = (await createApiKey({ practiceId: practice.id, name: "read", scope: "read", actor: cli })).key;
  writeKey = (await createApiKey({ practiceId: practice.id, name: "write", scope: "write", actor: cli })).key;
  const limited = await createApiKey({ practiceId: practice.id, name: "limited", scope: "read", actor: cli });
  await database.db.apiKey.update({ where: { id: limited.id }, data: { rateLimitPerMinute: 0 } });
  limitedKey = limited.key;
  const account = await makeAccount(database.db, practice.id);
  accountNumber = account.accountNumber;
  const statement = await makeStatement(database.db, account.id);
  const payment = await makePayment(database.db, {
    practiceId: practice.id,
    accountId: account.id,
    statementId: statement.id,
  });
  paymentId = payment.id;
  await makeEvent(database.db, { practiceId: practice.id, paymentId, data: { payment: { id: paymentId } } });
  await makePlan(database.db, { accountId: account.id, statementId: statement.id });
  const foreignAccount = await makeAccount(database.db, other.id);
  foreignStatement = (await makeStatement(database.db, foreignAccount.id)).statementNumber;
  clientId = practice.clientId;
  exampleAccount = "100234";
  const paying = await makeAccount(database.db, practice.id, exampleAccount);
  await makeStatement(database.db, paying.id, { balanceCents: 50000 });
  unfinishedImport = (
    await database.db.importFile.create({
      data: {
        practiceId: practice.id,
        kind: "PAYMENT_IMPORT",
        fileName: "PT_X_20261206_9.txt",
        sha256: "0".repeat(64),
        status: "PROCESSING",
      },
    })
  ).id;
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document to an independent validator", async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc).toMatchObject({ openapi: "3.1.0" });
  });

  it("documents exactly the routes under app/api/v1", () => {
    const root = path.join(process.cwd(), "app/api/v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else if (entry.name === "route.ts") routes.push(path.relative(root, dir));
      }
    };
    walk(root);
    const documented = routes
      .filter((r) => !r.includes("..."))
      .map((r) => `/${r.replace(/\[(\w+)\]/g, "{$1}")}`)
      .sort();
    expect(documented).toEqual(Object.keys(doc.paths).sort());
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(doc.paths).sort());
  });
});

describe("every route answers as documented", () => {
  it("GET /payments", async () => {
    const answer = await expectDocumented({ method: "get", template: "/payments", key: readKey }, 200);
    expect(answer.body.data).toHaveLength(1);
    await expectDocumented({ method: "get", template: "/payments", query: "?limit=0", key: readKey }, 400);
    await expectDocumented({ method: "get", template: "/payments" }, 401);
    await expectDocumented({ method: "get", template: "/payments", key: limitedKey }, 429);
  });

  it("GET /payments/{id}", async () => {
    await expectDocumented(
      { method: "get", template: "/payments/{id}", params: { id: paymentId }, key: readKey },
      200,
    );
    await expectDocumented(
      { method: "get", template: "/payments/{id}", params: { id: "nope" }, key: readKey },
      404,
    );
    await expectDocumented(
      { method: "get", template: "/payments/{id}", params: { id: "x".repeat(65) }, key: readKey },
      400,
    );
    await expectDocumented({ method: "get", template: "/payments/{id}", params: { id: paymentId } }, 401);
  });

  it("GET /events", async () => {
    const answer = await expectDocumented({ method: "get", template: "/events", key: readKey }, 200);
    expect(answer.body.data).toHaveLength(1);
    await expectDocumented({ method: "get", template: "/events", query: "?after=x", key: readKey }, 400);
    await expectDocumented({ method: "get", template: "/events" }, 401);
  });

  it("GET /accounts/{number}", async () => {
    const answer = await expectDocumented(
      { method: "get", template: "/accounts/{number}", params: { number: accountNumber }, key: readKey },
      200,
    );
    expect(answer.body.open_statements).toHaveLength(1);
    await expectDocumented(
      { method: "get", template: "/accounts/{number}", params: { number: "NOPE" }, key: readKey },
      404,
    );
    await expectDocumented(
      { method: "get", template: "/accounts/{number}", params: { number: accountNumber } },
      401,
    );
  });

  it("PUT /statements/{number}", async () => {
    const body = {
      patient_id: "P-1",
      patient_first_name: "Maria",
      patient_last_name: "Lopez",
      patient_dob: "1984-03-09",
      amount_due_cents: 2500,
      statement_date: "2026-11-30",
      status: "A",
    };
    const put = (number: string, extra: Partial<Parameters<typeof request>[0]>) => ({
      method: "put" as const,
      template: "/statements/{number}",
      params: { number },
      key: writeKey,
      body,
      ...extra,
    });
    await expectDocumented(put("S-DOC-1", { headers: { "idempotency-key": "doc-create-1" } }), 201);
    await expectDocumented(put("S-DOC-1", { headers: { "idempotency-key": "doc-update-1" } }), 200);
    await expectDocumented(
      put("S-DOC-1", {
        headers: { "idempotency-key": "doc-update-1" },
        body: { ...body, amount_due_cents: 1 },
      }),
      422,
    );
    await expectDocumented(
      put("S-DOC-2", {
        headers: { "idempotency-key": "doc-bad-1" },
        body: { ...body, amount_due_cents: -1 },
      }),
      400,
    );
    await expectDocumented(put(foreignStatement, { headers: { "idempotency-key": "doc-conflict-1" } }), 409);
    await expectDocumented(
      put("S-DOC-3", { headers: { "idempotency-key": "doc-read-1" }, key: readKey }),
      403,
    );
    await expectDocumented(
      put("S-DOC-3", { headers: { "idempotency-key": "doc-nokey-1" }, key: undefined }),
      401,
    );
  });

  it("GET /plans", async () => {
    const answer = await expectDocumented({ method: "get", template: "/plans", key: readKey }, 200);
    expect(answer.body.data).toHaveLength(1);
    await expectDocumented({ method: "get", template: "/plans", query: "?status=late", key: readKey }, 400);
    await expectDocumented({ method: "get", template: "/plans" }, 401);
  });

  it("POST /payment-imports, GET /payment-imports/{id} and its acknowledgement", async () => {
    // The document's own example file, sent for an account of that number.
    const example = doc.paths["/payment-imports"]!.post!.requestBody!.content["text/plain"]!
      .example as string;
    expect(example.split("|")[29]).toBe(`${exampleAccount}\n`);
    const post = (extra: Partial<Parameters<typeof request>[0]> = {}) => ({
      method: "post" as const,
      template: "/payment-imports",
      query: `?file_name=PT_${clientId}_20261206_1.txt`,
      key: writeKey,
      body: example,
      ...extra,
    });
    const created = await expectDocumented(post(), 201);
    expect(created.body).toMatchObject({ accepted_count: 1, payments_recorded: 1 });
    await expectDocumented(post(), 200);
    await expectDocumented(post({ query: "" }), 400);
    await expectDocumented(post({ key: readKey }), 403);
    await expectDocumented(post({ key: undefined }), 401);
    await expectDocumented(post({ headers: { "content-type": "application/json" } }), 415);
    await expectDocumented(post({ headers: { "content-length": String(11 * 1024 * 1024) } }), 413);

    const id = created.body.id as string;
    const get = (template: string, extra: Partial<Parameters<typeof request>[0]> = {}) => ({
      method: "get" as const,
      template,
      params: { id },
      key: readKey,
      ...extra,
    });
    await expectDocumented(get("/payment-imports/{id}"), 200);
    await expectDocumented(get("/payment-imports/{id}", { params: { id: "nope" } }), 404);
    await expectDocumented(get("/payment-imports/{id}", { params: { id: "x".repeat(65) } }), 400);
    await expectDocumented(get("/payment-imports/{id}", { key: undefined }), 401);
    const ack = await expectDocumented(get("/payment-imports/{id}/acknowledgement"), 200);
    expect(ack.body).toBe("IMIA10|1|IMPTI10|A\n");
    await expectDocumented(get("/payment-imports/{id}/acknowledgement", { params: { id: "nope" } }), 404);
    await expectDocumented(
      get("/payment-imports/{id}/acknowledgement", { params: { id: "x".repeat(65) } }),
      400,
    );
    await expectDocumented(get("/payment-imports/{id}/acknowledgement", { key: undefined }), 401);
    await expectDocumented(
      get("/payment-imports/{id}/acknowledgement", { params: { id: unfinishedImport } }),
      409,
    );
  });

  it("GET /problems/{type}: every problem's type URI names a page that says what it means", async () => {
    const limited = await request({ method: "get", template: "/payments", key: limitedKey });
    const type = new URL(limited.body.type as string).pathname.split("/").pop()!;
    const answer = await expectDocumented(
      { method: "get", template: "/problems/{type}", params: { type } },
      200,
    );
    expect(answer.body).toMatchObject({ type: limited.body.type, status: 429, title: limited.body.title });
    await expectDocumented({ method: "get", template: "/problems/{type}", params: { type: "nope" } }, 400);
  });

  it("GET /openapi.json", async () => {
    await expectDocumented({ method: "get", template: "/openapi.json" }, 200);
  });

  it("answered every documented success of every operation", () => {
    const successes = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).flatMap(([m, op]) =>
        Object.keys(op.responses)
          .filter((s) => s.startsWith("2"))
          .map((s) => `${m} ${p} ${s}`),
      ),
    );
    expect(successes.filter((s) => !checked.has(s))).toEqual([]);
  });
});
