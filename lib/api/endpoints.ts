import "server-only";
import { z } from "zod";
import { getApiAccount } from "./accounts";
import { defineEndpoint, type TEndpointDefinition } from "./endpoint";
import { listApiEvents } from "./events";
import { buildOpenApiDocument } from "./openapi";
import { getApiPayment, listApiPayments, recordApiPostings } from "./payments";
import { listApiPlans } from "./plans";
import { apiProblem, PROBLEM_TYPES, problemTypeUri } from "./problem";
import {
  ZAccountParams,
  ZApiAccount,
  ZApiEventList,
  ZApiPayment,
  ZApiPaymentList,
  ZApiPlanList,
  ZApiProblemType,
  ZApiStatement,
  ZEventListQuery,
  ZIdempotencyKey,
  ZIdParams,
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
  async ({ params, body, headers, caller }) => {
    const answer = await upsertApiStatement({
      practiceId: caller.practiceId,
      apiKeyId: caller.apiKeyId,
      apiKeyPrefix: caller.prefix,
      number: params.number,
      body,
      idempotencyKey: headers.get("idempotency-key")!,
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

export const API_ENDPOINTS = [
  listPaymentsEndpoint,
  getPaymentEndpoint,
  listEventsEndpoint,
  getAccountEndpoint,
  putStatementEndpoint,
  listPlansEndpoint,
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

export const openApiEndpoint = defineEndpoint(OPENAPI_DEFINITION, async () => ({
  status: 200,
  body: buildOpenApiDocument([...API_ENDPOINTS, problemTypeEndpoint.definition, OPENAPI_DEFINITION]),
}));
