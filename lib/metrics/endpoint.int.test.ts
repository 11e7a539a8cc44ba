import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { answerMetricsRequest } from "@/lib/metrics/endpoint";
import { setupTestDatabase } from "@/lib/test/test-db";

setupTestDatabase();

const TOKEN = "metrics-token-for-the-endpoint-test-0123456789";
const scrape = (authorization?: string) =>
  answerMetricsRequest(
    new Request("http://portal.test/api/metrics", {
      headers: authorization ? { authorization } : {},
    }),
  );

const withToken = (token: string | undefined) => {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetEnvForTests();
};

describe("GET /api/metrics", () => {
  afterEach(() => withToken(undefined));

  it("is not there (404) while no METRICS_TOKEN is configured, token or not", async () => {
    withToken(undefined);
    expect((await scrape()).status).toBe(404);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("refuses a missing or wrong token with 401 and the Bearer challenge, saying nothing else", async () => {
    withToken(TOKEN);
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}0`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).not.toContain("portal_");
    }
  });

  it("serves every metric in Prometheus's text format to the bearer of the token", async () => {
    withToken(TOKEN);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    for (const name of [
      "portal_payments_total",
      "portal_gateway_request_duration_seconds",
      "portal_gateway_errors_total",
      "portal_job_queue_depth",
      "portal_job_queue_oldest_age_seconds",
      "portal_email_backlog",
      "portal_webhook_backlog",
      "portal_import_duration_seconds",
      "portal_export_duration_seconds",
      "process_cpu_user_seconds_total",
      "nodejs_eventloop_lag_seconds",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('portal_email_backlog{queue="receipts"} 0');
  });
});
