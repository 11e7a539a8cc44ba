import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { serveMetrics } from "@/lib/metrics/metrics-server";
import { setupTestDatabase } from "@/lib/test/test-db";

setupTestDatabase();

const TOKEN = "worker-metrics-token-for-the-test-0123456789";

describe("the worker's metrics server (WORKER_METRICS_PORT)", () => {
  let server: Awaited<ReturnType<typeof serveMetrics>>;
  const get = (path: string, authorization?: string) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, { headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    process.env.METRICS_TOKEN = TOKEN;
    resetEnvForTests();
    server = await serveMetrics({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await server?.close();
    delete process.env.METRICS_TOKEN;
    resetEnvForTests();
  });

  it("serves /metrics to the bearer of METRICS_TOKEN, as the portal's /api/metrics does", async () => {
    const response = await get("/metrics", `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE portal_payments_total counter");
    expect(text).toContain('portal_email_backlog{queue="receipts"} 0');
  });

  it("refuses a wrong token with 401 and answers 404 for anything but GET /metrics", async () => {
    const refused = await get("/metrics", "Bearer nope");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect((await get("/", `Bearer ${TOKEN}`)).status).toBe(404);
    expect((await get("/api/metrics", `Bearer ${TOKEN}`)).status).toBe(404);
  });
});
