/** Fixed local ports of the browser-test servers (see playwright.config.ts). */
export const PORTS = {
  portal: 3100,
  embedded: 3101,
  idle: 3102,
  gateway: 4100,
  embeddedGateway: 4101,
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
