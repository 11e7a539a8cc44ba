import { DEMO, expect, expectAccessible, signInAsNewStaff, test } from "./support/fixtures";
import { E2E_SECRETS } from "./support/ports";
import { guestPaysFifty } from "./support/settled-payment";

type TSample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped). */
const samplesOf = (text: string): TSample[] =>
  text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });

/** The sum of the samples named `name` whose labels include `labels` (0: none yet). */
const valueOf = (text: string, name: string, labels: Record<string, string> = {}) =>
  samplesOf(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

test.describe("operating the built server", () => {
  test("a load balancer's readiness probe needs no session and is never cached", async ({ request }) => {
    const response = await request.get("/api/ready");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { migrations: "ok", database: "ok", gateway: "ok", worker: "ok" },
    });
  });

  test("metrics are only for the bearer of METRICS_TOKEN", async ({ request }) => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer not-the-token" },
      { authorization: E2E_SECRETS.metricsToken },
    ]) {
      const refused = await request.get("/api/metrics", { headers });
      expect(refused.status()).toBe(401);
      expect(refused.headers()["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect(await refused.text()).not.toContain("portal_");
    }
  });

  test("an administrator's session is no metrics token", async ({ page, db }) => {
    await signInAsNewStaff(page, db, { role: "ADMIN" });
    await expectAccessible(page);
    const refused = await page.request.get("/api/metrics");
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain("portal_");
  });

  test("a payment made through the built server shows in its metrics: the payment, the gateway call, the pages", async ({
    page,
    request,
    db,
  }) => {
    const scrape = async () => {
      const response = await request.get("/api/metrics", {
        headers: { authorization: `Bearer ${E2E_SECRETS.metricsToken}` },
      });
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    const before = await scrape();
    const approved = { outcome: "approved", channel: "WEB" };
    const charge = { operation: "createPayment" };

    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-METR");
    const receiptPath = await guestPaysFifty(page, statement.statementNumber);
    await expectAccessible(page);

    const after = await scrape();
    // Other tests may pay at the same time on this server: at least ours was counted.
    expect(valueOf(after, "portal_payments_total", approved)).toBeGreaterThanOrEqual(
      valueOf(before, "portal_payments_total", approved) + 1,
    );
    const charges = "portal_gateway_request_duration_seconds_count";
    expect(valueOf(after, charges, charge)).toBeGreaterThanOrEqual(valueOf(before, charges, charge) + 1);
    // The pages the payment went through, each by its route (not its path).
    const requests = "portal_http_request_duration_seconds_count";
    expect(valueOf(after, requests, { method: "GET", route: "/guest/pay", status: "2xx" })).toBeGreaterThan(
      0,
    );
    expect(
      valueOf(after, requests, { method: "GET", route: "/receipts/[paymentId]", status: "2xx" }),
    ).toBeGreaterThan(0);
    expect(samplesOf(after).some((s) => s.labels.route === receiptPath)).toBe(false);
    // Read from the database when scraped: this server's worker made the job queues.
    expect(
      samplesOf(after)
        .filter((s) => s.name === "portal_job_queue_depth")
        .map((s) => s.labels.queue),
    ).toContain("receipts.send-due");
    expect(
      samplesOf(after).some((s) => s.name === "portal_email_backlog" && s.labels.queue === "receipts"),
    ).toBe(true);
    expect(valueOf(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });
});
