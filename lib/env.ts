import { createHash } from "node:crypto";
import { z } from "zod";

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Public origin of the portal, e.g. https://pay.example.org (also next-auth's NEXTAUTH_URL). */
    NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
    /** HIPAA automatic logoff: sign out after this many idle seconds. */
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
    /** However active, a session ends this long after sign-in. */
    SESSION_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(12 * 3600),
    /** smtp://user:pass@host:port or smtps://…; without it mail is kept in the outbox table. */
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Riverside Family Medicine <billing@example.com>"),
    /** Trust X-Forwarded-For for the client IP (set behind a reverse proxy you control). */
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    /** The gateway's REST API; unset: the sandbox gateway on this machine. */
    GATEWAY_URL: z.string().url().optional(),
    /** Where browsers load the gateway's hosted fields from, when it differs from GATEWAY_URL. */
    GATEWAY_PUBLIC_URL: z.string().url().optional(),
    GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /**
     * scripts/server.mjs (outside the bundle) reads these two itself, once the server's start has
     * checked them here: on SIGTERM, exit after this long at most; an idle connection stays open
     * this long, longer than the load balancer's idle timeout (docs/deploy.md). At most a day:
     * Node's timers overflow past 24.8 days and fire at once.
     */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(86_400).default(25),
    KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().positive().max(86_400).default(65),
    /** Public by design: it is in the hosted-fields URL every payer's browser loads. */
    GATEWAY_PUBLISHABLE_KEY: z.string().min(1).default("pk_sandbox_portal"),
    /** `npm run worker` serves its metrics on this port (GET /metrics, METRICS_TOKEN); unset: none. */
    WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    /**
     * A transactions CSV of more rows than this is prepared by a job, with a progress bar and a
     * download link once ready (docs/reports.md, "Large CSVs"); smaller ones are streamed at once.
     */
    TRANSACTIONS_CSV_JOB_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(50_000),
    /**
     * A Twilio-compatible SMS API (docs/sms.md): its base URL (https://api.twilio.com, or the
     * sandbox SMS server), the account's SID and auth token, and our number in E.164. All four or
     * none; none: texts stay due, unsent (`npm start` sets them for its sandbox).
     */
    SMS_API_URL: z.string().url().optional(),
    SMS_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "SMS_ACCOUNT_SID must be AC followed by 32 hex digits")
      .optional(),
    SMS_AUTH_TOKEN: z.string().min(16, "SMS_AUTH_TOKEN must be at least 16 characters").optional(),
    SMS_FROM: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, "SMS_FROM must be a phone number in E.164 form, e.g. +12155550100")
      .optional(),
  })
  .superRefine((e, ctx) => {
    const names = ["SMS_API_URL", "SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM"] as const;
    const set = names.filter((n) => e[n] !== undefined);
    if (set.length === 0 || set.length === names.length) return;
    for (const n of names.filter((n) => e[n] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [n],
        message: `${n} is not set (the SMS provider needs all of ${names.join(", ")})`,
      });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

/** Reads an environment where an empty variable counts as unset (as in `FOO= npm start`). */
const present = (source: Record<string, string | undefined>): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));

let cached: TEnv | undefined;

/** Read at use time, never at import time, so `next build` needs no environment. */
export const env = (): TEnv => {
  cached ??= ZEnv.parse(present(process.env));
  return cached;
};

export const appUrl = (path: string) => new URL(path, env().NEXTAUTH_URL).toString();

/** Secure cookies on https, and on localhost, which browsers treat as a secure context. */
export const isSecureCookieOrigin = () => {
  const { protocol, hostname } = new URL(env().NEXTAUTH_URL);
  return protocol === "https:" || hostname === "localhost" || hostname === "127.0.0.1";
};

export type TSmsConfig = { apiUrl: string; accountSid: string; authToken: string; from: string };

/** The SMS provider's configuration, or null when texts are not configured (docs/sms.md). */
export const smsConfig = (): TSmsConfig | null => {
  const { SMS_API_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM } = env();
  if (!SMS_API_URL || !SMS_ACCOUNT_SID || !SMS_AUTH_TOKEN || !SMS_FROM) return null;
  return { apiUrl: SMS_API_URL, accountSid: SMS_ACCOUNT_SID, authToken: SMS_AUTH_TOKEN, from: SMS_FROM };
};

export const DEFAULT_GATEWAY_URL = "http://localhost:4000";

/** The origin browsers load the gateway's hosted fields from (pages frame it; the CSP allows it). */
export const gatewayPublicOrigin = () =>
  new URL(env().GATEWAY_PUBLIC_URL ?? env().GATEWAY_URL ?? DEFAULT_GATEWAY_URL).origin;

/**
 * The sandbox gateway's published values (they are in this repository, so anyone has them).
 * They are defaults only for development and tests on this machine (see `secrets()`).
 */
export const SANDBOX_SECRETS = {
  GATEWAY_API_KEY: "sk_sandbox_portal",
  GATEWAY_WEBHOOK_SECRET: "whsec_sandbox_portal",
  NEXTAUTH_SECRET: "development-only-auth-secret-not-for-production",
} as const;

/** A secret we make ourselves must be long enough not to be guessed. */
const MIN_OWN_SECRET_LENGTH = 32;

export type TSecrets = {
  /** `Authorization: Bearer …` on every call to the gateway's API. */
  gatewayApiKey: string;
  /** The current webhook secret first, then any older one still accepted while it is rotated. */
  gatewayWebhookSecrets: string[];
  /** Signs and encrypts the sign-in session (next-auth). */
  authSecret: string;
  /** Signs the guest session cookie: GUEST_SESSION_SECRET, or derived from the auth secret. */
  guestSessionKey: Uint8Array;
  /**
   * Encrypts the outbound webhook endpoints' signing secrets at rest (AES-256-GCM):
   * WEBHOOK_SECRET_KEY, or derived from the auth secret (docs/security.md).
   */
  webhookSecretKey: Uint8Array;
  /**
   * Encrypts the users' TOTP secrets at rest (AES-256-GCM, the same sealing as the webhook
   * secrets): derived from WEBHOOK_SECRET_KEY when set, else from the auth secret, under a label
   * of its own so the two keys differ (docs/security.md).
   */
  totpSecretKey: Uint8Array;
  /**
   * Seals a text-to-pay link in its text until the text is sent (AES-256-GCM, lib/crypto/secret-box.ts):
   * derived from the auth secret under a label of its own (docs/sms.md, "Text-to-pay").
   */
  textLinkKey: Uint8Array;
  /**
   * The bearer token Prometheus sends to `GET /api/metrics` (METRICS_TOKEN, 32 characters or
   * more); null when unset: the endpoint then answers 404 (docs/operations.md).
   */
  metricsToken: string | null;
};

const isLoopbackUrl = (url: string) => {
  if (!URL.canParse(url)) return false;
  const { hostname } = new URL(url);
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
};

/**
 * Whether the sandbox's published values may stand in for unset secrets: only in development
 * and tests, against a gateway on this machine. `npm start` generates secrets of its own for
 * the bundled sandbox (scripts/start.mjs), and a production server, or a portal pointed at any
 * other gateway, must be given every secret.
 */
const mayUseSandboxSecrets = (e: Record<string, string | undefined>) =>
  e.NODE_ENV !== "production" && isLoopbackUrl(e.GATEWAY_URL || DEFAULT_GATEWAY_URL);

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

type TSecretName = keyof typeof SANDBOX_SECRETS;

/**
 * The secrets of an environment, with the rules above: a missing secret takes the sandbox's
 * value where that is allowed and is an issue naming the variable elsewhere, as is a published
 * value or one of ours that is too short to be a secret.
 */
const ZSecretsEnv = z
  .object({
    NODE_ENV: z.string().optional(),
    GATEWAY_URL: z.string().optional(),
    GATEWAY_API_KEY: z.string().optional(),
    GATEWAY_WEBHOOK_SECRET: z.string().optional(),
    NEXTAUTH_SECRET: z.string().optional(),
    GUEST_SESSION_SECRET: z
      .string()
      .min(MIN_OWN_SECRET_LENGTH, `GUEST_SESSION_SECRET must be at least ${MIN_OWN_SECRET_LENGTH} characters`)
      .optional(),
    WEBHOOK_SECRET_KEY: z
      .string()
      .min(MIN_OWN_SECRET_LENGTH, `WEBHOOK_SECRET_KEY must be at least ${MIN_OWN_SECRET_LENGTH} characters`)
      .optional(),
    METRICS_TOKEN: z
      .string()
      .min(MIN_OWN_SECRET_LENGTH, `METRICS_TOKEN must be at least ${MIN_OWN_SECRET_LENGTH} characters`)
      .optional(),
  })
  .transform((e, ctx) => {
    const isSandboxAllowed = mayUseSandboxSecrets(e);
    const why =
      e.GATEWAY_URL && !isLoopbackUrl(e.GATEWAY_URL)
        ? `GATEWAY_URL is ${e.GATEWAY_URL}`
        : "NODE_ENV is production";
    const read = (name: TSecretName, minLength = 1): string[] => {
      const value = e[name];
      const problem = (message: string) => ctx.addIssue({ code: "custom", path: [name], message });
      if (value === undefined) {
        if (isSandboxAllowed) return [SANDBOX_SECRETS[name]];
        problem(`${name} is not set (required when ${why})`);
        return [];
      }
      const values = list(value);
      if (!isSandboxAllowed && values.includes(SANDBOX_SECRETS[name])) {
        problem(`${name} is the sandbox's published value; set a secret of your own (${why})`);
      }
      if (values.length === 0 || values.some((v) => v.length < minLength)) {
        problem(`${name} must be at least ${minLength} characters`);
      }
      return values;
    };
    const [gatewayApiKey = ""] = read("GATEWAY_API_KEY");
    const gatewayWebhookSecrets = read("GATEWAY_WEBHOOK_SECRET");
    const [authSecret = ""] = read("NEXTAUTH_SECRET", MIN_OWN_SECRET_LENGTH);
    return {
      gatewayApiKey,
      gatewayWebhookSecrets,
      authSecret,
      // A key of its own (so a guest token can never pass as a session token), derived from the
      // auth secret unless one is given.
      guestSessionKey: new Uint8Array(
        createHash("sha256")
          .update(e.GUEST_SESSION_SECRET ?? `guest-session:${authSecret}`)
          .digest(),
      ),
      webhookSecretKey: new Uint8Array(
        createHash("sha256")
          .update(e.WEBHOOK_SECRET_KEY ?? `webhook-secrets:${authSecret}`)
          .digest(),
      ),
      totpSecretKey: new Uint8Array(
        createHash("sha256")
          .update(`totp-secrets:${e.WEBHOOK_SECRET_KEY ?? authSecret}`)
          .digest(),
      ),
      textLinkKey: new Uint8Array(createHash("sha256").update(`text-to-pay-links:${authSecret}`).digest()),
      metricsToken: e.METRICS_TOKEN ?? null,
    } satisfies TSecrets;
  });

/** The secrets from an environment, or every problem with them, each naming its variable. */
export const readSecrets = (
  source: Record<string, string | undefined>,
): { ok: true; secrets: TSecrets } | { ok: false; problems: string[] } => {
  const parsed = ZSecretsEnv.safeParse(present(source));
  return parsed.success
    ? { ok: true, secrets: parsed.data }
    : { ok: false, problems: parsed.error.issues.map((i) => i.message) };
};

let cachedSecrets: TSecrets | undefined;

/**
 * Every secret and key the portal holds, read and checked once; the only place that reads them
 * from the environment. Throws naming each missing or unsafe variable (the server checks them all
 * when it starts: instrumentation.ts, checkConfiguration).
 */
export const secrets = (): TSecrets => {
  if (cachedSecrets) return cachedSecrets;
  const result = readSecrets(process.env);
  if (!result.ok) {
    throw new Error(
      `The portal's configuration is not safe to run:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  cachedSecrets = result.secrets;
  return cachedSecrets;
};

/**
 * What stops this process's configuration from being run, as a message naming each variable, or
 * null when nothing does. A server or worker checks it before it does anything else.
 */
export const configurationProblems = (): string | null => {
  const general = ZEnv.safeParse(present(process.env));
  const problems = general.success
    ? []
    : general.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  const result = readSecrets(process.env);
  if (!result.ok) problems.push(...result.problems);
  return problems.length === 0
    ? null
    : `Cannot start with this configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
};

/** Tests that change process.env read it again. */
export const resetEnvForTests = () => {
  cached = undefined;
  cachedSecrets = undefined;
};
