import "server-only";
import { z } from "zod";
import { contextFromHeaders } from "@/lib/request-context";
import { getApiAccount } from "./accounts";
import { defineEndpoint, type TEndpointDefinition } from "./endpoint";
import { listApiEvents } from "./events";
import { buildOpenApiDocument } from "./openapi";
import { apiPaymentImportAck, getApiPaymentImport, importApiPaymentFile } from "./payment-imports";
import { getApiPayment, listApiPayments, recordApiPostings } from "./payments";
import { listApiPlans } from "./plans";
import { appUrl } from "@/lib/env";
import { apiProblem, PROBLEM_TYPES, problemTypeUri } from "./problem";
import {
  ZAccountParams,
  ZApiAccount,
  ZApiEventList,
  ZApiPayment,
  ZApiPaymentImport,
  ZApiPaymentList,
  ZApiPlanList,
  ZApiProblemType,
  ZApiStatement,
  ZEventListQuery,
  ZIdempotencyKey,
  ZIdParams,
  PAYMENT_IMPORT_MAX_BYTES,
  ZPaymentImportQuery,
  ZPaymentListQuery,
  ZPlanListQuery,
  ZProblemTypeParams,
  ZStatementParams,
  ZStatementUpsert,
} from "./schemas";
import { upsertApiStatement } from "./statements";

/** Every endpoint of /api/v1: the route handlers (app/api/v1/) and the OpenAPI document use these. */

const EXAMPLE_PAYMENT = {
  object: "payment",
  id: "cmi9x2k7r0001abcd1234efgh",
  status: "captured",
  amount_cents: 12540,
  refunded_cents: 0,
  currency: "USD",
  channel: "web",
  method: { kind: "card", brand: "visa", last4: "4242" },
  receipt_number: "R-20261206-0001",
  account_number: "100234",
  plan_id: null,
  applied_to: [{ statement_number: "S-1001", amount_cents: 12540 }],
  gateway_transaction_id: "txn_8f2c1d",
  authorization_code: "A1B2C3",
  decline_code: null,
  decline_message: null,
  created_at: "2026-12-06T14:03:11.000Z",
  updated_at: "2026-12-06T14:03:12.000Z",
  captured_at: "2026-12-06T14:03:12.000Z",
  settled_at: null,
  voided_at: null,
  returned_at: null,
};

const EXAMPLE_STATEMENT = {
  object: "statement",
  statement_number: "S-1001",
  account_number: "100234",
  status: "open",
  statement_date: "2026-11-30",
  due_date: null,
  amount_due_cents: 12540,
  balance_cents: 12540,
  total_charges_cents: 30000,
  insurance_paid_cents: 17460,
  adjustments_cents: 0,
  currency: "USD",
  provider_name: "Riverside Family Medicine",
  created_at: "2026-12-01T06:00:00.000Z",
  updated_at: "2026-12-06T09:00:00.000Z",
};

export const listPaymentsEndpoint = defineEndpoint(
  {
    operationId: "listPayments",
    method: "GET",
    path: "/payments",
    tag: "Payments",
    summary: "List payments",
    description:
      'The practice\'s payments in the order of their last change (oldest first), filtered, a page at a time. A change made in the last seconds, or by a transaction still running, comes in a later call, so paging with `cursor` misses none (docs/api.md, "Polling without gaps"). Each payment listed is recorded as posted through the API for this key.',
    scope: "read",
    query: ZPaymentListQuery,
    responses: {
      200: {
        description: "A page of payments.",
        schema: ZApiPaymentList,
        example: {
          object: "list",
          data: [EXAMPLE_PAYMENT],
          has_more: false,
          next_cursor: "WyIyMDI2LTEyLTA2VDE0OjAzOjEyLjAwMFoiLCJjbWk5eDJrN3IwMDAxYWJjZDEyMzRlZmdoIl0",
        },
      },
    },
    problems: ["invalid-request"],
  },
  async ({ query, caller, now }) => {
    const list = await listApiPayments({ practiceId: caller.practiceId, query });
    await recordApiPostings({
      apiKeyId: caller.apiKeyId,
      reads: list.data.map((p) => ({ paymentId: p.id })),
      now,
    });
    return { status: 200, body: list };
  },
);

export const getPaymentEndpoint = defineEndpoint(
  {
    operationId: "getPayment",
    method: "GET",
    path: "/payments/{id}",
    tag: "Payments",
    summary: "Get a payment",
    description:
      "One of the practice's payments. Another practice's payment is not found, like a missing one. Reading it records it as posted through the API for this key.",
    scope: "read",
    params: ZIdParams,
    responses: { 200: { description: "The payment.", schema: ZApiPayment, example: EXAMPLE_PAYMENT } },
    problems: ["invalid-request", "not-found"],
  },
  async ({ params, caller, now }) => {
    const payment = await getApiPayment({ practiceId: caller.practiceId, paymentId: params.id });
    if (!payment) throw apiProblem("not-found", "There is no payment with this id.");
    await recordApiPostings({ apiKeyId: caller.apiKeyId, reads: [{ paymentId: payment.id }], now });
    return { status: 200, body: payment };
  },
);

export const listEventsEndpoint = defineEndpoint(
  {
    operationId: "listEvents",
    method: "GET",
    path: "/events",
    tag: "Events",
    summary: "List events after a cursor",
    description:
      'The same events the webhooks send, kept 30 days, in order, after `after`. The list stops before the first event written in the last seconds or by a transaction still running, so a poller that always passes the last `next_cursor` misses none (docs/api.md, "Polling without gaps"). Payment events listed are recorded as posted through the API for this key.',
    scope: "read",
    query: ZEventListQuery,
    responses: {
      200: {
        description: "The next events.",
        schema: ZApiEventList,
        example: {
          object: "list",
          data: [
            {
              id: "evt_5f1d2c3b4a",
              type: "payment.approved",
              created: "2026-12-06T14:03:12.000Z",
              api_version: "2026-12-01",
              data: { object: "payment", payment: EXAMPLE_PAYMENT },
            },
          ],
          has_more: false,
          next_cursor: "1042",
        },
      },
    },
    problems: ["invalid-request"],
  },
  async ({ query, caller, now }) => {
    const { list, payments } = await listApiEvents({
      practiceId: caller.practiceId,
      after: query.after,
      limit: query.limit,
    });
    await recordApiPostings({ apiKeyId: caller.apiKeyId, reads: payments, now });
    return { status: 200, body: list };
  },
);

export const getAccountEndpoint = defineEndpoint(
  {
    operationId: "getAccount",
    method: "GET",
    path: "/accounts/{number}",
    tag: "Accounts",
    summary: "Get an account and its open statements",
    description:
      "One of the practice's accounts by its account number, with its open statements (oldest first).",
    scope: "read",
    params: ZAccountParams,
    responses: {
      200: {
        description: "The account.",
        schema: ZApiAccount,
        example: {
          object: "account",
          account_number: "100234",
          guarantor: { first_name: "Maria", last_name: "Lopez" },
          open_balance_cents: 12540,
          open_statements: [EXAMPLE_STATEMENT],
        },
      },
    },
    problems: ["invalid-request", "not-found"],
  },
  async ({ params, caller }) => {
    const account = await getApiAccount({ practiceId: caller.practiceId, accountNumber: params.number });
    if (!account) throw apiProblem("not-found", "There is no account with this number.");
    return { status: 200, body: account };
  },
);

export const putStatementEndpoint = defineEndpoint(
  {
    operationId: "putStatement",
    method: "PUT",
    path: "/statements/{number}",
    tag: "Statements",
    summary: "Create or update a statement's balance",
    description:
      'Sets a statement as one row of the balance file would (the same rules, docs/files.md "Balance file"): created when the number is new (201), updated when it is this account\'s (200). The amount due becomes the balance. Needs a write key and an Idempotency-Key: the same key and body again answer the same; the same key with another body is refused (422).',
    scope: "write",
    params: ZStatementParams,
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "A new value for each change (a UUID): a retry with the same key is answered, not applied twice.",
        schema: ZIdempotencyKey,
      },
    ],
    body: {
      schema: ZStatementUpsert,
      example: {
        patient_id: "P-88231",
        patient_first_name: "Maria",
        patient_last_name: "Lopez",
        patient_dob: "1984-03-09",
        amount_due_cents: 12540,
        statement_date: "2026-11-30",
        status: "A",
        guarantor_id: "100234",
        recipient_zip: "12180",
      },
    },
    responses: {
      200: { description: "The statement was updated.", schema: ZApiStatement, example: EXAMPLE_STATEMENT },
      201: { description: "The statement was created.", schema: ZApiStatement, example: EXAMPLE_STATEMENT },
    },
    problems: [
      "invalid-request",
      "forbidden",
      "statement-conflict",
      "payload-too-large",
      "unsupported-media-type",
      "idempotency-key-reused",
    ],
  },
  async ({ params, body, headers, caller, now }) => {
    const answer = await upsertApiStatement({
      practiceId: caller.practiceId,
      apiKeyId: caller.apiKeyId,
      apiKeyPrefix: caller.prefix,
      number: params.number,
      body,
      idempotencyKey: headers.get("idempotency-key")!,
      context: contextFromHeaders(headers),
      now,
    });
    return {
      status: answer.status,
      body: answer.body,
      headers: answer.isReplay ? { "idempotent-replayed": "true" } : undefined,
    };
  },
);

export const listPlansEndpoint = defineEndpoint(
  {
    operationId: "listPlans",
    method: "GET",
    path: "/plans",
    tag: "Plans",
    summary: "List payment plans",
    description:
      "The practice's payment plans in the order of their last change, filtered, a page at a time.",
    scope: "read",
    query: ZPlanListQuery,
    responses: { 200: { description: "A page of plans.", schema: ZApiPlanList } },
    problems: ["invalid-request"],
  },
  async ({ query, caller }) => ({
    status: 200,
    body: await listApiPlans({ practiceId: caller.practiceId, query }),
  }),
);

const EXAMPLE_PAYMENT_IMPORT = {
  object: "payment_import",
  id: "cmia7q2ww0003abcd5678ijkl",
  file_name: "PT_RFM001_20261206_1.txt",
  status: "processed",
  row_count: 3,
  accepted_count: 1,
  rejected_count: 2,
  payments_recorded: 1,
  duplicate: false,
  acknowledgement: {
    file_name: "IMIA10_PT_RFM001_20261206_1.txt",
    url: "https://portal.example.com/api/v1/payment-imports/cmia7q2ww0003abcd5678ijkl/acknowledgement",
  },
  created_at: "2026-12-06T18:00:02.000Z",
  updated_at: "2026-12-06T18:00:03.000Z",
};

/** A one-row IMPTI10 file: $125.40 cash on account 100234 (fields 1–8, 16, 27, 28 and 30). */
const EXAMPLE_IMPTI10 = `${[
  ...["IMPTI10", "M1", "FRONT-DESK", "T1", "Cash", "AuthCapt", "20261206", "125.40"],
  ...Array<string>(7).fill(""),
  "Maria Lopez",
  ...Array<string>(10).fill(""),
  ...["Lopez", "Maria", "", "100234"],
].join("|")}\n`;

export const postPaymentImportEndpoint = defineEndpoint(
  {
    operationId: "postPaymentImport",
    method: "POST",
    path: "/payment-imports",
    tag: "Payment imports",
    summary: "Import a payment transaction file (IMPTI10)",
    description: `Records payments taken outside the portal (cash, a check, a card on another terminal): the body is the IMPTI10 file itself (Content-Type: text/plain, UTF-8, at most ${PAYMENT_IMPORT_MAX_BYTES} bytes), imported exactly as an upload or the import inbox would (docs/files.md, "Payment transaction import"): each good row becomes a payment on its account, each bad row is rejected with its reasons in the IMIA10 acknowledgement, a row with a full card number is rejected and the number kept nowhere. Answers 201 with the import when this request imported it. Idempotent by content: the same file again (the same bytes, by the API, an upload or the inbox) changes nothing and answers 200 with the first import (\`duplicate\`: true), so a retry after a lost answer is safe. Needs a write key.`,
    scope: "write",
    query: ZPaymentImportQuery,
    textBody: {
      maxBytes: PAYMENT_IMPORT_MAX_BYTES,
      description: "The IMPTI10 file: one transaction per line, fields separated by |.",
      example: EXAMPLE_IMPTI10,
    },
    responses: {
      201: {
        description: "The file was imported: the import, its counts and its acknowledgement's address.",
        schema: ZApiPaymentImport,
        example: EXAMPLE_PAYMENT_IMPORT,
        headers: { Location: "The import's address (GET it for its status)." },
      },
      200: {
        description:
          "This file had been sent before: nothing changed; the first import (status processing while another request still imports it).",
        schema: ZApiPaymentImport,
        example: { ...EXAMPLE_PAYMENT_IMPORT, duplicate: true },
      },
    },
    problems: ["invalid-request", "forbidden", "payload-too-large", "unsupported-media-type"],
  },
  async ({ query, text, caller, headers }) => {
    const answer = await importApiPaymentFile({
      caller,
      fileName: query.file_name,
      text,
      context: contextFromHeaders(headers),
    });
    return answer.isNew
      ? {
          status: 201,
          body: answer.body,
          headers: { location: appUrl(`/api/v1/payment-imports/${encodeURIComponent(answer.body.id)}`) },
        }
      : { status: 200, body: answer.body };
  },
);

export const getPaymentImportEndpoint = defineEndpoint(
  {
    operationId: "getPaymentImport",
    method: "GET",
    path: "/payment-imports/{id}",
    tag: "Payment imports",
    summary: "Get a payment import",
    description:
      "One of the practice's payment imports (sent through the API, uploaded by staff or taken from the inbox): its status and counts. Another practice's import is not found, like a missing one.",
    scope: "read",
    params: ZIdParams,
    responses: {
      200: { description: "The import.", schema: ZApiPaymentImport, example: EXAMPLE_PAYMENT_IMPORT },
    },
    problems: ["invalid-request", "not-found"],
  },
  async ({ params, caller }) => {
    const file = await getApiPaymentImport({ practiceId: caller.practiceId, id: params.id });
    if (!file) throw apiProblem("not-found", "There is no payment import with this id.");
    return { status: 200, body: file };
  },
);

export const getPaymentImportAckEndpoint = defineEndpoint(
  {
    operationId: "getPaymentImportAcknowledgement",
    method: "GET",
    path: "/payment-imports/{id}/acknowledgement",
    tag: "Payment imports",
    summary: "Get a payment import's acknowledgement (IMIA10)",
    description:
      'The IMIA10 acknowledgement of a processed import, as text: one line per row of the file, in its order, A (recorded) or R with each error\'s field, code and reason (docs/files.md, "Ack IMIA10"). 409 while the import has not finished.',
    scope: "read",
    params: ZIdParams,
    responses: {
      200: {
        description: "The acknowledgement file.",
        mediaType: "text/plain",
        schema: z.string(),
        example:
          "IMIA10|1|IMPTI10|A\nIMIA10|2|IMPTI10|R|8|BAD_AMOUNT|Amount (field 8) is not an amount in dollars with at most two decimals, e.g. 125.40.\n",
        headers: { "Content-Disposition": "attachment, with the acknowledgement's file name." },
      },
    },
    problems: ["invalid-request", "not-found", "import-not-finished"],
  },
  async ({ params, caller }) => {
    const ack = await apiPaymentImportAck({ practiceId: caller.practiceId, id: params.id });
    return {
      status: 200,
      stream: ack.chunks,
      headers: {
        "content-disposition": `attachment; filename="${ack.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      },
    };
  },
);

export const API_ENDPOINTS = [
  listPaymentsEndpoint,
  getPaymentEndpoint,
  listEventsEndpoint,
  getAccountEndpoint,
  putStatementEndpoint,
  listPlansEndpoint,
  postPaymentImportEndpoint,
  getPaymentImportEndpoint,
  getPaymentImportAckEndpoint,
].map((e) => e.definition);

export const problemTypeEndpoint = defineEndpoint(
  {
    operationId: "getProblemType",
    method: "GET",
    path: "/problems/{type}",
    tag: "Documentation",
    summary: "What a kind of problem means",
    description: "The page a problem's `type` URI names: its title, status and what to do. No key needed.",
    scope: null,
    params: ZProblemTypeParams,
    responses: { 200: { description: "The kind of problem.", schema: ZApiProblemType } },
    problems: ["invalid-request"],
  },
  async ({ params }) => ({
    status: 200,
    body: { type: problemTypeUri(params.type), ...PROBLEM_TYPES[params.type] },
  }),
);

const OPENAPI_DEFINITION = {
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/openapi.json",
  tag: "Documentation",
  summary: "This document",
  description:
    "The OpenAPI 3.1 document of this API, written from the zod schemas the routes validate with. No key needed.",
  scope: null,
  responses: {
    200: { description: "The OpenAPI document.", schema: z.looseObject({ openapi: z.literal("3.1.0") }) },
  },
  problems: [],
} satisfies TEndpointDefinition;

/** The document never changes while the process runs: written on first request, then served as is. */
let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

export const openApiEndpoint = defineEndpoint(OPENAPI_DEFINITION, async () => ({
  status: 200,
  body: (openApiDocument ??= buildOpenApiDocument([
    ...API_ENDPOINTS,
    problemTypeEndpoint.definition,
    OPENAPI_DEFINITION,
  ])),
}));
