import { randomBytes } from "node:crypto";

/** Fixed local ports of the browser-test servers (see playwright.config.ts). */
export const PORTS = {
  portal: 3100,
  embedded: 3101,
  idle: 3102,
  fresh: 3103,
  /** A second instance beside `portal`, on its database, that leaves the jobs to the worker. */
  second: 3104,
  /** Started and stopped by e2e/graceful-shutdown.spec.ts itself, with its own slow gateway. */
  shutdown: 3105,
  gateway: 4100,
  embeddedGateway: 4101,
  /** The sandbox SMS server of the PostgreSQL portals (its inbound texts go to `portal`). */
  sms: 4110,
  shutdownGateway: 4105,
} as const;

/**
 * Secrets of this run, as a deployment has its own (none is the sandbox's published value): made
 * once by the runner and inherited by its workers and servers through the environment, so the
 * tests can sign webhooks and call the gateway's API as the portal does.
 */
const runSecret = (name: string, prefix: string) => {
  process.env[name] ||= `${prefix}${randomBytes(24).toString("base64url")}`;
  return process.env[name];
};
export const E2E_SECRETS = {
  gatewayApiKey: runSecret("E2E_GATEWAY_API_KEY", "sk_e2e_"),
  gatewayWebhookSecret: runSecret("E2E_GATEWAY_WEBHOOK_SECRET", "whsec_e2e_"),
  authSecret: runSecret("E2E_NEXTAUTH_SECRET", ""),
  /** Prometheus's bearer token for /api/metrics (METRICS_TOKEN). */
  metricsToken: runSecret("E2E_METRICS_TOKEN", "mt_e2e_"),
  /** The sandbox SMS server's account (AC + 32 hex digits) and auth token. */
  smsAccountSid: (process.env.E2E_SMS_ACCOUNT_SID ||= `AC${randomBytes(16).toString("hex")}`),
  smsAuthToken: runSecret("E2E_SMS_AUTH_TOKEN", "sms_e2e_"),
} as const;

/** The portal's number in the browser tests' texts. */
export const SMS_FROM = "+12155550100";

/** What the PostgreSQL portals and the worker are given to text through the sandbox SMS server. */
export const SMS_ENV = {
  SMS_API_URL: `http://localhost:${PORTS.sms}`,
  SMS_ACCOUNT_SID: E2E_SECRETS.smsAccountSid,
  SMS_AUTH_TOKEN: E2E_SECRETS.smsAuthToken,
  SMS_FROM,
} as const;

export const SMTP_SINK = {
  smtpPort: 2525,
  httpPort: 2526,
  api: "http://127.0.0.1:2526",
} as const;

/**
 * The PostgreSQL database of the browser tests, re-created on every run: E2E_DATABASE_URL, or
 * the server of TEST_DATABASE_URL (the one the integration tests use, credentials included)
 * with the database portal_e2e, or the local server with trust auth.
 */
const e2eDatabaseUrl = () => {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = "/portal_e2e";
    return url.toString();
  }
  return "postgres://postgres@127.0.0.1:5432/portal_e2e";
};

export const E2E_DATABASE_URL = e2eDatabaseUrl();

/**
 * The database of e2e/graceful-shutdown.spec.ts's own instance (the same server, database
 * portal_e2e_shutdown, re-created by that spec). Its gateway is not the other portals': on one
 * database, their workers' reconciliation would ask their gateway about its payments, hear of
 * none, and fail them (a deployment has one gateway).
 */
export const E2E_SHUTDOWN_DATABASE_URL = (() => {
  const url = new URL(E2E_DATABASE_URL);
  url.pathname = `${url.pathname}_shutdown`;
  return url.toString();
})();
