import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { MINUTE_MS, DAY_MS, systemClock, type TClock } from "./clock";
import { DEFAULT_CUTOFF, type TCutoff } from "./cutoff";
import { loadSecret, openGatewayDb, type TGatewayDb } from "./db";
import {
  BodyTooLargeError,
  canonicalJson,
  createRouter,
  fail,
  ok,
  readBody,
  sendResult,
  sendText,
  sleep,
  type TResult,
} from "./http";
import { hostedFieldsCsp, hostedFieldsHtml, REFUSED_CSP, refusedHtml } from "./hosted/page";
import { validateAch, validateCard } from "./hosted/rules.js";
import {
  createPayment,
  listTransactions,
  refundPayment,
  settlePayments,
  settlementResult,
  voidPayment,
  ZCreatePayment,
  ZCreateRefund,
  ZSettle,
  ZVoidPayment,
  type TContext,
} from "./payments";
import {
  deletePaymentMethod,
  readPaymentMethod,
  storePaymentMethod,
  updatePaymentMethod,
  ZDeletePaymentMethod,
  ZStorePaymentMethod,
  ZUpdatePaymentMethod,
} from "./payment-methods";
import { startSettlementScheduler } from "./settlement";
import {
  getPayment,
  methodFingerprint,
  newId,
  onePaymentJson,
  paymentsJson,
  type TPaymentRow,
} from "./store";
import { achOutcome, bankName, cardOutcome } from "./test-numbers";
import { startWebhookWorker, type TWebhookWorker } from "./webhooks";
import {
  createMerchantSession,
  loadWalletSecret,
  mintWalletToken,
  ZMerchantSessionRequest,
  ZMintRequest,
} from "./wallets";
import { walletSimulatorHtml, WALLET_SIMULATOR_MAX_LABEL } from "./hosted/wallet-simulator-page";

export const TOKEN_TTL_MS = 15 * MINUTE_MS;
export const IDEMPOTENCY_TTL_MS = DAY_MS;

export type TGatewayOptions = {
  /** 0 picks a free port (tests). Default 4000. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (this machine only: its keys are published). */
  host?: string;
  /** PGlite data directory, or `memory://` (nothing survives a restart). */
  dataDir: string;
  apiKey?: string;
  publishableKey?: string;
  /** Parent origins allowed to frame the hosted fields. */
  allowedOrigins?: string[];
  /** Where webhooks go; null: none are sent. */
  webhookUrl?: string | null;
  /** Signs each webhook, one `v1` per secret (the current one first while one is rotated). */
  webhookSecrets?: string[];
  /** Added to every /v1 response, after the work is done. */
  latencyMs?: number;
  /** The daily settlement; null: only POST /v1/settlements settles. */
  settlementCutoff?: TCutoff | null;
  clock?: TClock;
  /** One line per request and per webhook attempt; never a body. Default: console.log. */
  log?: (line: string) => void;
  /** How long the 4000 0000 0000 0259 response is held before the connection is dropped. */
  hangMs?: number;
  webhookPollMs?: number;
  webhookTimeoutMs?: number;
  settlementCheckMs?: number;
  /** Serve the wallet simulator (GET /wallet-simulator); false for a production-like gateway. Default true. */
  walletSimulator?: boolean;
  /** The Apple Pay merchant identifier whose hash a merchant session carries. */
  appleMerchantId?: string;
};

export type TGatewayServer = {
  /** http://host:port of this gateway. */
  url: string;
  port: number;
  /** Resolves when no webhook delivery is in progress (tests). */
  webhooksIdle: () => Promise<void>;
  close: () => Promise<void>;
};

const ZTokenRequest = z.strictObject({
  key: z.string().max(200),
  origin: z.string().max(500),
  kind: z.enum(["card", "ach"]),
  number: z.string().max(64).optional(),
  expiry: z.string().max(16).optional(),
  cvv: z.string().max(16).optional(),
  zip: z.string().max(16).optional(),
  routing_number: z.string().max(64).optional(),
  account_number: z.string().max(64).optional(),
  account_type: z.string().max(16).optional(),
});

/** "origin" as the browser writes it (scheme://host[:port]), or null. */
const normalizeOrigin = (value: string | null | undefined): string | null => {
  if (!value) return null;
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
};

const sameSecret = (given: string, expected: string) => {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
};

const zodMessage = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");

type TApiRequest = {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  idempotencyKey: string;
};

type TApiRoute =
  | { kind: "read"; run: (db: TGatewayDb, req: TApiRequest) => Promise<TResult> }
  | { kind: "write"; schema: z.ZodType; run: (ctx: TContext, req: TApiRequest) => Promise<TResult> };

/**
 * A POST (or DELETE) route: its body is parsed with `schema` before `run` sees it (req.body is
 * then the parsed value); it runs under its Idempotency-Key.
 */
const write = <S extends z.ZodType>(
  schema: S,
  run: (ctx: TContext, params: Record<string, string>, input: z.output<S>) => Promise<TResult>,
): TApiRoute => ({ kind: "write", schema, run: (ctx, req) => run(ctx, req.params, req.body as z.output<S>) });

export const createGatewayServer = async (options: TGatewayOptions): Promise<TGatewayServer> => {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  const apiKey = options.apiKey ?? "sk_sandbox_portal";
  const publishableKey = options.publishableKey ?? "pk_sandbox_portal";
  const allowedOrigins = new Set(
    (options.allowedOrigins ?? ["http://localhost:3000"]).map((o) => {
      const n = normalizeOrigin(o);
      if (!n) throw new Error(`not an origin: ${o}`);
      return n;
    }),
  );
  const webhookUrl = options.webhookUrl ?? null;
  const latencyMs = options.latencyMs ?? 0;
  const hangMs = options.hangMs ?? 10 * MINUTE_MS;

  const isWalletSimulatorOn = options.walletSimulator ?? true;
  const appleMerchantId = options.appleMerchantId ?? "merchant.portal.sandbox";

  const [db, script, rules, css, walletScript, walletCss] = await Promise.all([
    openGatewayDb(options.dataDir),
    readFile(new URL("./hosted/hosted-fields.js", import.meta.url), "utf8"),
    readFile(new URL("./hosted/rules.js", import.meta.url), "utf8"),
    readFile(new URL("./hosted/hosted-fields.css", import.meta.url), "utf8"),
    readFile(new URL("./hosted/wallet-simulator.js", import.meta.url), "utf8"),
    readFile(new URL("./hosted/wallet-simulator.css", import.meta.url), "utf8"),
  ]);
  const walletSecret = await loadWalletSecret(db);
  const fingerprintKey = await loadSecret(db, "idempotency_fingerprint_key");
  const methodKey = await loadSecret(db, "method_fingerprint_key");
  const assets: Record<string, { type: string; body: string }> = {
    "/hosted/hosted-fields.js": { type: "text/javascript; charset=utf-8", body: script },
    "/hosted/rules.js": { type: "text/javascript; charset=utf-8", body: rules },
    "/hosted/hosted-fields.css": { type: "text/css; charset=utf-8", body: css },
    ...(isWalletSimulatorOn
      ? {
          "/hosted/wallet-simulator.js": { type: "text/javascript; charset=utf-8", body: walletScript },
          "/hosted/wallet-simulator.css": { type: "text/css; charset=utf-8", body: walletCss },
        }
      : {}),
  };

  let webhooks: TWebhookWorker | null = null;
  const kickWebhooks = () => webhooks?.kick();

  // ---- /v1: the server-to-server API -------------------------------------------------------

  const routes = createRouter<TApiRoute>([
    {
      method: "POST",
      path: "/v1/payments",
      handler: write(ZCreatePayment, (ctx, _params, input) => createPayment(ctx, input)),
    },
    {
      method: "GET",
      path: "/v1/payments",
      handler: {
        kind: "read",
        run: async (db, r) => {
          const key = r.query.get("idempotency_key");
          if (!key)
            return fail(400, "invalid_request", "idempotency_key is required (list with /v1/transactions)");
          const rows = await db.query<TPaymentRow>(
            `SELECT * FROM gw_payment WHERE idempotency_key = $1 ORDER BY seq DESC`,
            [key],
          );
          return ok({ data: await paymentsJson(db, rows) });
        },
      },
    },
    {
      method: "GET",
      path: "/v1/payments/:id",
      handler: {
        kind: "read",
        run: async (db, r) => {
          const payment = await getPayment(db, r.params.id ?? "");
          return payment ? ok(await onePaymentJson(db, payment)) : fail(404, "not_found", "No such payment.");
        },
      },
    },
    {
      method: "POST",
      path: "/v1/payments/:id/void",
      handler: write(ZVoidPayment, (ctx, params) => voidPayment(ctx, params.id ?? "")),
    },
    {
      method: "POST",
      path: "/v1/payments/:id/refunds",
      handler: write(ZCreateRefund, (ctx, params, input) => refundPayment(ctx, params.id ?? "", input)),
    },
    {
      method: "GET",
      path: "/v1/transactions",
      handler: {
        kind: "read",
        run: async (db, r) => {
          const sinceParam = r.query.get("since");
          const since = sinceParam ? new Date(sinceParam) : null;
          if (since && Number.isNaN(since.getTime()))
            return fail(400, "invalid_request", "since: not an ISO 8601 time");
          const limitParam = r.query.get("limit");
          const limit = limitParam === null ? 100 : Number(limitParam);
          if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
            return fail(400, "invalid_request", "limit: an integer from 1 to 1000");
          }
          return listTransactions(db, { since, limit });
        },
      },
    },
    {
      method: "POST",
      path: "/v1/settlements",
      handler: write(ZSettle, async (ctx) => settlementResult(ctx.sql, ctx.now, await settlePayments(ctx))),
    },
    {
      method: "POST",
      path: "/v1/payment_methods",
      handler: write(ZStorePaymentMethod, (ctx, _params, input) => storePaymentMethod(ctx, input)),
    },
    {
      method: "GET",
      path: "/v1/payment_methods/:id",
      handler: { kind: "read", run: (db, r) => readPaymentMethod(db, r.params.id ?? "") },
    },
    {
      method: "POST",
      path: "/v1/payment_methods/:id",
      handler: write(ZUpdatePaymentMethod, (ctx, params, input) =>
        updatePaymentMethod(ctx, params.id ?? "", input),
      ),
    },
    {
      method: "POST",
      path: "/v1/apple_pay/merchant_sessions",
      handler: write(ZMerchantSessionRequest, async (ctx, _params, input) =>
        createMerchantSession(ctx, walletSecret, input, {
          merchantIdentifier: appleMerchantId,
          allowedOrigins,
        }),
      ),
    },
    {
      method: "DELETE",
      path: "/v1/payment_methods/:id",
      handler: write(ZDeletePaymentMethod, (ctx, params) => deletePaymentMethod(ctx, params.id ?? "")),
    },
  ]);

  /** One request per idempotency key at a time; the second waits and then replays the first. */
  const keyLocks = new Map<string, Promise<unknown>>();
  const withKeyLock = async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = keyLocks.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(fn);
    keyLocks.set(key, current);
    try {
      return await current;
    } finally {
      if (keyLocks.get(key) === current) keyLocks.delete(key);
    }
  };

  type TStored = { fingerprint: string; status_code: number; body: string };

  /** Runs a POST or DELETE under its idempotency key: replays a stored response or records the new one. */
  const runWrite = async (
    route: Extract<TApiRoute, { kind: "write" }>,
    req: TApiRequest,
    method: string,
    pathname: string,
  ): Promise<{ status: number; text: string; replayed: boolean; hang: boolean }> => {
    const request = `${method} ${pathname}\n${canonicalJson(req.body)}`;
    // Keyed: a body may carry a bank account number (POST /v1/payment_methods with bank_account),
    // and a plain hash of it could be matched by trying numbers.
    const fingerprint = `h1:${createHmac("sha256", fingerprintKey).update(request).digest("hex")}`;
    /** How a gateway before keyed fingerprints recorded the same request (records live 24 hours). */
    const isSameRequest = (stored: string) =>
      stored === fingerprint ||
      (!stored.startsWith("h1:") && stored === createHash("sha256").update(request).digest("hex"));
    return withKeyLock(req.idempotencyKey, async () => {
      const now = clock.now();
      const [stored] = await db.query<TStored>(
        `SELECT fingerprint, status_code, body FROM gw_idempotency WHERE key = $1 AND expires_at > $2`,
        [req.idempotencyKey, now],
      );
      if (stored) {
        if (!isSameRequest(stored.fingerprint)) {
          const r = fail(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used with another request.",
          );
          return { status: r.status, text: JSON.stringify(r.body), replayed: false, hang: false };
        }
        return { status: stored.status_code, text: stored.body, replayed: true, hang: false };
      }
      const parsed = route.schema.safeParse(req.body);
      if (!parsed.success) {
        // Refused before any work: not recorded, so the key can be used again with a valid body.
        const r = fail(400, "invalid_request", zodMessage(parsed.error));
        return { status: r.status, text: JSON.stringify(r.body), replayed: false, hang: false };
      }
      return db.transaction(async (sql) => {
        const context = { sql, now, webhookUrl, idempotencyKey: req.idempotencyKey, walletSecret, methodKey };
        const result = await route.run(context, { ...req, body: parsed.data });
        const text = JSON.stringify(result.body);
        await sql.query(
          `INSERT INTO gw_idempotency (key, fingerprint, method, path, status_code, body, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, method = EXCLUDED.method,
             path = EXCLUDED.path, status_code = EXCLUDED.status_code, body = EXCLUDED.body,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
          [
            req.idempotencyKey,
            fingerprint,
            method,
            pathname,
            result.status,
            text,
            now,
            new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
          ],
        );
        return { status: result.status, text, replayed: false, hang: result.hang === true };
      });
    });
  };

  const hanging = new Map<ServerResponse, NodeJS.Timeout>();

  /** Keeps the connection open with no answer (the 0259 fault), dropping it after `hangMs`. */
  const hang = (res: ServerResponse) => {
    if (!res.socket || res.socket.destroyed) return; // the client has already given up
    const timer = setTimeout(() => res.socket?.destroy(), hangMs);
    hanging.set(res, timer);
    res.on("close", () => {
      clearTimeout(timer);
      hanging.delete(res);
    });
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const respond = async (status: number, text: string, headers: Record<string, string> = {}) => {
      if (latencyMs > 0) await sleep(latencyMs);
      sendText(res, status, text, headers);
    };
    const respondResult = (r: TResult) => respond(r.status, JSON.stringify(r.body));

    const auth = req.headers.authorization ?? "";
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (!bearer || !sameSecret(bearer, apiKey)) {
      return respondResult(
        fail(401, "unauthorized", "A valid API key is required (Authorization: Bearer sk_…)."),
      );
    }
    const match = routes.match(req.method ?? "GET", url.pathname);
    if (match === null) return respondResult(fail(404, "not_found", "No such endpoint."));
    if (match === "method") return respondResult(fail(405, "invalid_request", "Method not allowed."));

    const { handler, params } = match;
    if (handler.kind === "read") {
      return respondResult(
        await handler.run(db, { params, query: url.searchParams, body: null, idempotencyKey: "" }),
      );
    }

    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || key.length < 1 || key.length > 255) {
      return respondResult(
        fail(400, "invalid_request", "An Idempotency-Key header of 1 to 255 characters is required."),
      );
    }
    let body: unknown = {};
    try {
      const raw = (await readBody(req)).toString("utf8");
      if (raw.trim() !== "") body = JSON.parse(raw);
    } catch (err) {
      const message = err instanceof BodyTooLargeError ? err.message : "The body is not valid JSON.";
      return respondResult(fail(400, "invalid_request", message));
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return respondResult(fail(400, "invalid_request", "The body must be a JSON object."));
    }

    const method = req.method ?? "POST";
    const outcome = await runWrite(
      handler,
      { params, query: url.searchParams, body, idempotencyKey: key },
      method,
      url.pathname,
    );
    kickWebhooks();
    if (outcome.hang) {
      log(`${method} ${url.pathname}: approved, response withheld (the "no response" test card)`);
      return hang(res);
    }
    return respond(outcome.status, outcome.text, outcome.replayed ? { "Idempotent-Replayed": "true" } : {});
  };

  // ---- hosted fields -----------------------------------------------------------------------

  const sendHtml = (res: ServerResponse, status: number, html: string, csp: string) => {
    res.writeHead(status, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(html)),
      "Content-Security-Policy": csp,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    });
    res.end(html);
  };

  const handleHostedFieldsPage = (res: ServerResponse, url: URL) => {
    const key = url.searchParams.get("key") ?? "";
    const parentOrigin = normalizeOrigin(url.searchParams.get("origin"));
    const kind = url.searchParams.get("kind") ?? "card";
    if (!sameSecret(key, publishableKey)) {
      return sendHtml(
        res,
        403,
        refusedHtml("This payment form is not set up for this merchant."),
        REFUSED_CSP,
      );
    }
    if (!parentOrigin || !allowedOrigins.has(parentOrigin)) {
      return sendHtml(res, 403, refusedHtml("This payment form cannot be shown on this site."), REFUSED_CSP);
    }
    if (kind !== "card" && kind !== "ach") {
      return sendHtml(res, 400, refusedHtml("Unknown kind of payment form."), REFUSED_CSP);
    }
    return sendHtml(
      res,
      200,
      hostedFieldsHtml({ kind, parentOrigin, publishableKey }),
      hostedFieldsCsp(parentOrigin),
    );
  };

  /** A request from a page of this gateway's own origin (the hosted fields, the wallet simulator). */
  const isSameOrigin = (req: IncomingMessage) => {
    const fetchSite = req.headers["sec-fetch-site"];
    const origin = req.headers.origin;
    const ownHost = req.headers.host;
    return !(
      (fetchSite !== undefined && fetchSite !== "same-origin") ||
      (origin !== undefined && (!ownHost || normalizeOrigin(origin)?.split("://")[1] !== ownHost))
    );
  };

  /**
   * The checks every POST from one of our own pages (the hosted fields, the wallet simulator)
   * makes before its work: sent from this origin, JSON, the body valid for `schema`, the
   * publishable key, and a parent origin allowed to use `what`. Messages name fields, never
   * the values typed.
   */
  const readPagePost = async <TSchema extends z.ZodType<{ key: string; origin: string }>>(
    req: IncomingMessage,
    schema: TSchema,
    { page, what }: { page: string; what: string },
  ): Promise<
    { ok: true; input: z.output<TSchema>; parentOrigin: string } | { ok: false; result: TResult }
  > => {
    const refuse = (result: TResult) => ({ ok: false as const, result });
    if (!isSameOrigin(req)) return refuse(fail(403, "unauthorized", `${page} only.`));
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return refuse(fail(415, "invalid_request", "Content-Type must be application/json."));
    }
    let raw: unknown;
    try {
      raw = JSON.parse((await readBody(req, 8 * 1024)).toString("utf8"));
    } catch {
      return refuse(fail(400, "invalid_request", "The body is not valid JSON."));
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return refuse(fail(400, "invalid_request", zodMessage(parsed.error)));
    const input = parsed.data;
    if (!sameSecret(input.key, publishableKey))
      return refuse(fail(401, "unauthorized", "Unknown publishable key."));
    const parentOrigin = normalizeOrigin(input.origin);
    if (!parentOrigin || !allowedOrigins.has(parentOrigin)) {
      return refuse(fail(403, "unauthorized", `This origin may not use ${what}.`));
    }
    return { ok: true, input, parentOrigin };
  };

  /** POST /hosted/tokens: only from the hosted-fields page itself, which is on this origin. */
  const handleTokenize = async (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (r: TResult) => sendResult(res, r);
    const request = await readPagePost(req, ZTokenRequest, {
      page: "Tokens are created by the hosted fields page",
      what: "the hosted fields",
    });
    if (!request.ok) return refuse(request.result);
    const { input, parentOrigin } = request;

    const now = clock.now();
    let row: {
      kind: "card" | "ach";
      brand: string | null;
      last4: string;
      exp_month: number | null;
      exp_year: number | null;
      bank_account_type: string | null;
      bank_name: string | null;
      billing_zip: string | null;
      outcome: string;
      fingerprint: string;
    };
    if (input.kind === "card") {
      const checked = validateCard(input, now);
      if (!checked.ok)
        return refuse(fail(400, "invalid_request", "Some fields are not valid.", { fields: checked.fields }));
      const { brand, last4, exp_month, exp_year } = checked.value;
      row = {
        kind: "card",
        brand,
        last4,
        exp_month,
        exp_year,
        bank_account_type: null,
        bank_name: null,
        // validateCard accepted it as 5 digits: a billing ZIP, not card data, kept for a stored method.
        billing_zip: (input.zip ?? "").trim(),
        outcome: cardOutcome(checked.value.number),
        fingerprint: methodFingerprint(methodKey, { kind: "card", number: checked.value.number }),
      };
    } else {
      const checked = validateAch(input);
      if (!checked.ok)
        return refuse(fail(400, "invalid_request", "Some fields are not valid.", { fields: checked.fields }));
      const { last4, bank_account_type } = checked.value;
      row = {
        kind: "ach",
        brand: null,
        last4,
        exp_month: null,
        exp_year: null,
        bank_account_type,
        // The bank's name, not its routing number, is what the vault keeps.
        bank_name: bankName(checked.value.routing_number),
        billing_zip: null,
        outcome: achOutcome(checked.value.account_number),
        fingerprint: methodFingerprint(methodKey, {
          kind: "ach",
          routingNumber: checked.value.routing_number,
          accountNumber: checked.value.account_number,
        }),
      };
    }
    const token = newId("tok");
    const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
    await db.query(
      `INSERT INTO gw_token (id, kind, brand, last4, exp_month, exp_year, bank_account_type, bank_name,
         billing_zip, outcome, fingerprint, origin, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        token,
        row.kind,
        row.brand,
        row.last4,
        row.exp_month,
        row.exp_year,
        row.bank_account_type,
        row.bank_name,
        row.billing_zip,
        row.outcome,
        row.fingerprint,
        parentOrigin,
        now,
        expiresAt,
      ],
    );
    return sendResult(
      res,
      ok(
        {
          token,
          kind: row.kind,
          brand: row.brand,
          last4: row.last4,
          exp_month: row.exp_month,
          exp_year: row.exp_year,
          bank_account_type: row.bank_account_type,
          expires_at: expiresAt.toISOString(),
        },
        201,
      ),
    );
  };

  // ---- the wallet simulator (sandbox only) ---------------------------------------------------

  const handleWalletSimulatorPage = (res: ServerResponse, url: URL) => {
    const q = url.searchParams;
    const parentOrigin = normalizeOrigin(q.get("origin"));
    const kind = q.get("kind");
    const amountCents = Number(q.get("amount_cents"));
    const currency = q.get("currency") ?? "USD";
    const label = q.get("label") ?? "";
    if (!sameSecret(q.get("key") ?? "", publishableKey)) {
      return sendHtml(
        res,
        403,
        refusedHtml("This payment sheet is not set up for this merchant."),
        REFUSED_CSP,
      );
    }
    if (!parentOrigin || !allowedOrigins.has(parentOrigin)) {
      return sendHtml(res, 403, refusedHtml("This payment sheet cannot be shown on this site."), REFUSED_CSP);
    }
    if (kind !== "apple_pay" && kind !== "google_pay") {
      return sendHtml(res, 400, refusedHtml("Unknown kind of wallet."), REFUSED_CSP);
    }
    if (
      !Number.isInteger(amountCents) ||
      amountCents < 1 ||
      amountCents > 99_999_999 ||
      currency !== "USD" ||
      label.trim() === "" ||
      label.length > WALLET_SIMULATOR_MAX_LABEL
    ) {
      return sendHtml(
        res,
        400,
        refusedHtml("The payment sheet needs an amount (amount_cents), currency USD and a label."),
        REFUSED_CSP,
      );
    }
    return sendHtml(
      res,
      200,
      walletSimulatorHtml({ kind, parentOrigin, publishableKey, amountCents, currency, label }),
      hostedFieldsCsp(parentOrigin),
    );
  };

  /** POST /wallet-simulator/tokens: the simulator page mints a sandbox wallet token for a test card. */
  const handleWalletMint = async (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (r: TResult) => sendResult(res, r);
    const request = await readPagePost(req, ZMintRequest, {
      page: "Wallet tokens are created by the wallet simulator page",
      what: "the wallet simulator",
    });
    if (!request.ok) return refuse(request.result);
    const { input, parentOrigin } = request;
    const minted = await mintWalletToken(db, walletSecret, {
      kind: input.kind,
      card: input.card,
      auth_method: input.auth_method,
      origin: parentOrigin,
      now: clock.now(),
    });
    return sendResult(
      res,
      ok({ kind: input.kind, payload: minted.payload, expires_at: minted.expiresAt.toISOString() }, 201),
    );
  };

  // ---- the server --------------------------------------------------------------------------

  const inFlight = new Set<Promise<void>>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://gateway.invalid");
    const method = req.method ?? "GET";
    res.on("close", () => {
      const ms = Math.round(performance.now() - started);
      log(
        res.writableFinished
          ? `${method} ${url.pathname} ${res.statusCode} ${ms}ms`
          : `${method} ${url.pathname} no response (connection closed after ${ms}ms)`,
      );
    });
    try {
      if (url.pathname.startsWith("/v1/")) return await handleApi(req, res, url);
      if (method === "GET" && url.pathname === "/hosted-fields") return handleHostedFieldsPage(res, url);
      if (method === "POST" && url.pathname === "/hosted/tokens") return await handleTokenize(req, res);
      if (isWalletSimulatorOn && method === "GET" && url.pathname === "/wallet-simulator") {
        return handleWalletSimulatorPage(res, url);
      }
      if (isWalletSimulatorOn && method === "POST" && url.pathname === "/wallet-simulator/tokens") {
        return await handleWalletMint(req, res);
      }
      const asset = assets[url.pathname];
      if (method === "GET" && asset) {
        return sendText(res, 200, asset.body, { "Content-Type": asset.type, "Cache-Control": "no-cache" });
      }
      if (method === "GET" && url.pathname === "/health") return sendResult(res, ok({ status: "ok" }));
      return sendResult(res, fail(404, "not_found", "No such endpoint."));
    } catch (err) {
      log(`${method} ${url.pathname} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) {
        sendResult(
          res,
          fail(503, "unavailable", "The gateway could not complete the request; nothing was recorded."),
        );
      } else res.destroy();
    }
  };

  const server = createServer((req, res) => {
    const p = handle(req, res).finally(() => inFlight.delete(p));
    inFlight.add(p);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4000, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  if (webhookUrl) {
    webhooks = startWebhookWorker({
      db,
      clock,
      secrets: options.webhookSecrets ?? ["whsec_sandbox_portal"],
      pollMs: options.webhookPollMs ?? 1000,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      log,
    });
  }
  const scheduler = startSettlementScheduler({
    db,
    clock,
    cutoff: options.settlementCutoff === undefined ? DEFAULT_CUTOFF : options.settlementCutoff,
    checkMs: options.settlementCheckMs ?? 30_000,
    webhookUrl,
    log,
    onSettled: kickWebhooks,
  });

  let closing: Promise<void> | null = null;
  return {
    url: `http://${options.host ?? "localhost"}:${port}`,
    port,
    webhooksIdle: async () => {
      await webhooks?.idle();
    },
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const res of hanging.keys()) res.socket?.destroy();
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await closed;
        await Promise.all([scheduler.stop(), webhooks?.stop()]);
        await db.close();
      })();
      return closing;
    },
  };
};
