// Helpers for the gateway's contract tests: start the real server on port 0, talk to it over HTTP.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createManualClock, type TManualClock } from "../clock";
import { createGatewayServer, type TGatewayOptions, type TGatewayServer } from "../server";
import type { TPaymentJson, TStoredMethodJson } from "../store";

export const API_KEY = "sk_test_contract";
export const PUBLISHABLE_KEY = "pk_test_contract";
export const WEBHOOK_SECRET = "whsec_test_contract";
export const PARENT_ORIGIN = "http://localhost:5173";
/** 1 June 2026, 11:00 in New York. */
export const START = new Date("2026-06-01T15:00:00Z");

export type TApiError = {
  error: { code: string; message: string; retryable: boolean; fields?: Record<string, string> };
};
export type TResponse<T> = { status: number; text: string; headers: Headers; body: T & Partial<TApiError> };
export type TRefundJson = {
  id: string;
  payment_id: string;
  amount_cents: number;
  status: string;
  reason: string | null;
  created_at: string;
};
export type TTokenJson = {
  token: string;
  kind: "card" | "ach";
  brand: string | null;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  bank_account_type: string | null;
  expires_at: string;
};

const request = async <T>(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
): Promise<TResponse<T>> => {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, text, headers: res.headers, body: body as T & Partial<TApiError> };
};

export type TApi = ReturnType<typeof apiClient>;

/** The /v1 API as the portal calls it: Bearer key, JSON, an Idempotency-Key on every POST and DELETE. */
export const apiClient = (baseUrl: string, apiKey = API_KEY) => ({
  get: <T = unknown>(path: string, headers: Record<string, string> = {}) =>
    request<T>(`${baseUrl}${path}`, {
      method: "GET",
      headers: { authorization: `Bearer ${apiKey}`, ...headers },
    }),
  post: <T = unknown>(
    path: string,
    body: unknown,
    {
      idempotencyKey = randomUUID(),
      signal,
      raw,
    }: { idempotencyKey?: string | null; signal?: AbortSignal; raw?: string } = {},
  ) =>
    request<T>(`${baseUrl}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/json",
        ...(idempotencyKey === null ? {} : { "idempotency-key": idempotencyKey }),
      },
      body: raw ?? JSON.stringify(body),
      signal,
    }),
  delete: <T = unknown>(
    path: string,
    { idempotencyKey = randomUUID() }: { idempotencyKey?: string | null } = {},
  ) =>
    request<T>(`${baseUrl}${path}`, {
      method: "DELETE",
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(idempotencyKey === null ? {} : { "idempotency-key": idempotencyKey }),
      },
    }),
});

export type TTestGateway = TGatewayServer & { clock: TManualClock; logs: string[]; api: TApi };

/** The real gateway on 127.0.0.1:0 with a manual clock (at START unless given), PGlite in memory unless given. */
export const startTestGateway = async (
  overrides: Partial<Omit<TGatewayOptions, "clock">> & { clock?: TManualClock } = {},
): Promise<TTestGateway> => {
  const clock = overrides.clock ?? createManualClock(START);
  const logs: string[] = [];
  const server = await createGatewayServer({
    port: 0,
    host: "127.0.0.1",
    dataDir: "memory://",
    apiKey: API_KEY,
    publishableKey: PUBLISHABLE_KEY,
    allowedOrigins: [PARENT_ORIGIN],
    webhookSecrets: [WEBHOOK_SECRET],
    settlementCutoff: null,
    webhookPollMs: 20,
    settlementCheckMs: 25,
    log: (line) => logs.push(line),
    ...overrides,
    clock,
  });
  return { ...server, clock, logs, api: apiClient(server.url) };
};

type TPagePostOptions = { headers?: Record<string, string>; key?: string; origin?: string };

/** A POST as one of the gateway's own pages makes it: same origin, JSON, its key and parent origin. */
const pagePost = <T>(
  gw: { url: string },
  path: string,
  fields: Record<string, string>,
  { headers = {}, key = PUBLISHABLE_KEY, origin = PARENT_ORIGIN }: TPagePostOptions = {},
) =>
  request<T>(`${gw.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: gw.url,
      "sec-fetch-site": "same-origin",
      ...headers,
    },
    body: JSON.stringify({ key, origin, ...fields }),
  });

/** POST /hosted/tokens as the hosted-fields page does. */
export const requestToken = (
  gw: { url: string },
  fields: Record<string, string>,
  options?: TPagePostOptions,
) => pagePost<TTokenJson>(gw, "/hosted/tokens", fields, options);

export const tokenizeCard = async (
  gw: { url: string },
  number: string,
  { expiry = "12/30", cvv, zip = "19103" }: { expiry?: string; cvv?: string; zip?: string } = {},
): Promise<string> => {
  const digits = number.replace(/\D/g, "");
  const res = await requestToken(gw, {
    kind: "card",
    number,
    expiry,
    cvv: cvv ?? (/^3[47]/.test(digits) ? "1234" : "123"),
    zip,
  });
  if (res.status !== 201) throw new Error(`tokenize failed: ${res.status} ${res.text}`);
  return res.body.token;
};

export const tokenizeAch = async (
  gw: { url: string },
  { routing = "011000015", account = "123456789", type = "checking" } = {},
): Promise<string> => {
  const res = await requestToken(gw, {
    kind: "ach",
    routing_number: routing,
    account_number: account,
    account_type: type,
  });
  if (res.status !== 201) throw new Error(`tokenize failed: ${res.status} ${res.text}`);
  return res.body.token;
};

export const paymentBody = (token: string, amount_cents = 12540, extra: Record<string, unknown> = {}) => ({
  amount_cents, // $125.40
  currency: "USD",
  source: { token },
  reference: "portal-payment-1",
  description: "ST-1001",
  ...extra,
});

export const pay = (gw: TTestGateway, token: string, amount_cents = 12540, idempotencyKey?: string) =>
  gw.api.post<TPaymentJson>("/v1/payments", paymentBody(token, amount_cents), { idempotencyKey });

/** POST /v1/payment_methods with a token: the vault entry (or the refusal). */
export const storeMethod = (gw: TTestGateway, token: string, idempotencyKey?: string) =>
  gw.api.post<TStoredMethodJson>("/v1/payment_methods", { token }, { idempotencyKey });

/** A bank account as POST /v1/payment_methods takes it server to server (defaults: a valid checking account). */
export const bankAccountBody = (fields: Record<string, unknown> = {}) => ({
  bank_account: {
    routing_number: "011000015",
    account_number: "000123456789",
    account_type: "checking",
    account_holder_name: "Robin Hale",
    ...fields,
  },
});

/** POST /v1/payment_methods with a bank account's numbers (server to server). */
export const storeBankAccount = (
  gw: TTestGateway,
  fields: Record<string, unknown> = {},
  idempotencyKey?: string,
) => gw.api.post<TStoredMethodJson>("/v1/payment_methods", bankAccountBody(fields), { idempotencyKey });

/** A charge of a stored method. */
export const payStored = (
  gw: TTestGateway,
  storedMethodId: string,
  amount_cents = 12540,
  { idempotencyKey, signal }: { idempotencyKey?: string; signal?: AbortSignal } = {},
) =>
  gw.api.post<TPaymentJson>(
    "/v1/payments",
    { ...paymentBody("", amount_cents), source: { stored_method_id: storedMethodId } },
    { idempotencyKey, signal },
  );

/** An approved card payment, settled when asked. */
export const approvedPayment = async (
  gw: TTestGateway,
  { amount_cents = 12540, settle = false }: { amount_cents?: number; settle?: boolean } = {},
): Promise<TPaymentJson> => {
  const res = await pay(gw, await tokenizeCard(gw, "4111 1111 1111 1111"), amount_cents);
  if (res.status !== 201 || res.body.status !== "approved") throw new Error(`payment failed: ${res.text}`);
  if (settle) {
    const s = await gw.api.post("/v1/settlements", {});
    if (s.status !== 200) throw new Error(`settlement failed: ${s.text}`);
  }
  return res.body;
};

/** Polls `fn` until it returns a truthy value (or stops throwing). */
export const eventually = async <T>(
  fn: () => Promise<T> | T,
  { timeoutMs = 5000, intervalMs = 20 } = {},
): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      lastError = new Error("still falsy");
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

export const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

export type TReceived = { body: string; signature: string | undefined; receivedAt: number };

/** A local webhook receiver; `answer(n)` gives the status for the n-th request (1-based). */
export const startReceiver = async (answer: (n: number, body: string) => number = () => 200) => {
  const received: TReceived[] = [];
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const signature = req.headers["gateway-signature"];
      received.push({
        body,
        signature: Array.isArray(signature) ? signature[0] : signature,
        receivedAt: Date.now(),
      });
      res.statusCode = answer(received.length, body);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/gateway`,
    received,
    events: () =>
      received.map(
        (r) =>
          JSON.parse(r.body) as {
            id: string;
            type: string;
            created_at: string;
            data: Record<string, { id: string } & Record<string, unknown>>;
          },
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type TWalletMint = {
  kind: "apple_pay" | "google_pay";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the wallet's own object, checked by the tests
  payload: any;
  expires_at: string;
};

/** POST /wallet-simulator/tokens as the simulator page does. */
export const requestWalletToken = (
  gw: { url: string },
  fields: { kind: string; card: string; auth_method?: string },
  options?: TPagePostOptions,
) => pagePost<TWalletMint>(gw, "/wallet-simulator/tokens", fields, options);

/**
 * A payment source as the portal builds it from what the wallet gave the page: Google Pay's
 * tokenizationData.token and info, or Apple Pay's payment token.
 */
export const walletSource = (mint: TWalletMint) =>
  mint.kind === "google_pay"
    ? {
        google_pay: {
          token: mint.payload.paymentMethodData.tokenizationData.token as string,
          info: mint.payload.paymentMethodData.info as Record<string, unknown>,
        },
      }
    : { apple_pay: { token: mint.payload.token as Record<string, unknown> } };

type TWalletSource<K> = K extends "google_pay"
  ? { google_pay: { token: string; info: Record<string, unknown> } }
  : { apple_pay: { token: Record<string, unknown> } };

/** Mints a sandbox wallet token for a simulator card and returns the payment source. */
export const mintWallet = async <K extends "apple_pay" | "google_pay">(
  gw: { url: string },
  kind: K,
  card = "visa",
  auth_method?: "PAN_ONLY" | "CRYPTOGRAM_3DS",
) => {
  const res = await requestWalletToken(gw, { kind, card, ...(auth_method ? { auth_method } : {}) });
  if (res.status !== 201) throw new Error(`wallet mint failed: ${res.status} ${res.text}`);
  return { mint: res.body, source: walletSource(res.body) as TWalletSource<K> };
};
