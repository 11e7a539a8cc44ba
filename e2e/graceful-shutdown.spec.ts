import { spawn } from "node:child_process";
import path from "node:path";
import { cardFrame, fillCard } from "./support/cards";
import { DEMO, expect, expectAccessible, test } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { E2E_DATABASE_URL, PORTS, SMTP_SINK } from "./support/ports";
import { serverLogLines } from "./support/server-log";
import { TEST_CARDS } from "./support/test-numbers";

// A portal of its own (3105, on the e2e PostgreSQL database) beside a sandbox gateway that takes
// GATEWAY_LATENCY_MS to answer, started through `npm start`'s path and stopped with SIGTERM while
// a payment waits on the gateway (docs/operations.md, "Graceful shutdown").

const root = path.resolve(import.meta.dirname, "..");
const origin = `http://localhost:${PORTS.shutdown}`;
const GATEWAY_LATENCY_MS = 2_000;
const SHUTDOWN_TIMEOUT_SECONDS = 20;

test("on SIGTERM a payment waiting on the gateway completes, then the server stops its worker and exits in time", async ({
  page,
  db,
}) => {
  test.setTimeout(240_000);
  const server = spawn(
    process.execPath,
    [path.join(root, "e2e", "support", "start-server.mjs"), "postgres"],
    {
      cwd: root,
      stdio: "ignore",
      env: {
        ...process.env,
        PORT: String(PORTS.shutdown),
        E2E_DATABASE_URL,
        E2E_GATEWAY_PORT: String(PORTS.shutdownGateway),
        E2E_GATEWAY_ORIGINS: origin,
        GATEWAY_LATENCY_MS: String(GATEWAY_LATENCY_MS),
        SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
        SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
      },
    },
  );
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  try {
    // Up: the portal's health check, and the gateway answering at all (it starts on its own).
    const answers = async (url: string) => (await page.request.get(url).catch(() => null))?.status();
    await expect
      .poll(() => answers(`${origin}/api/health`), { timeout: 180_000, intervals: [500] })
      .toBe(200);
    await expect
      .poll(() => answers(`http://localhost:${PORTS.shutdownGateway}/`), {
        timeout: 60_000,
        intervals: [500],
      })
      .toBeDefined();

    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-DRAIN");
    await page.goto("/guest");
    await expectAccessible(page);
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    await page.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("50.00");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
    await expectAccessible(page);

    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    );
    await page.getByRole("button", { name: "Pay $50.00" }).click();
    // The payment is recorded and its charge is at the gateway, which answers in 2 s: SIGTERM now.
    const paymentOf = async () =>
      (
        await db.query<{ id: string; status: string }>(
          `SELECT p.id, p.status FROM payment p JOIN payment_allocation a ON a."paymentId" = p.id
           WHERE a."statementId" = $1`,
          [statement.id],
        )
      ).rows;
    await expect.poll(async () => (await paymentOf()).length, { intervals: [50] }).toBe(1);
    expect((await paymentOf())[0]!.status).toBe("PENDING");
    const signalledAt = Date.now();
    server.kill("SIGTERM");

    // The payer's request finishes: the action answers, and the payment is approved (CAPTURED), once.
    const action = await answered;
    expect(action.status()).toBe(200);
    const code = await exited;
    const stoppedWithin = Date.now() - signalledAt;
    expect(code).toBe(0);
    expect(stoppedWithin).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000);
    const payments = await paymentOf();
    expect(payments).toEqual([{ id: payments[0]!.id, status: "CAPTURED" }]); // approved, once

    // The log: the payment's request line (with its id), then the worker stopped, then the exit.
    const lines = serverLogLines(PORTS.shutdown).filter((l) => l.pid !== undefined);
    const messages = lines.map((l) => l.msg);
    const paid = lines.find(
      (l) => l.msg === "request" && l.method === "POST" && l.paymentId === payments[0]!.id,
    );
    expect(paid).toMatchObject({
      route: "/guest/pay",
      status: 200,
      requestId: action.headers()["x-request-id"],
    });
    const order = [
      "shutting down: draining requests",
      "requests drained: stopping background work",
      "stopped",
    ];
    expect(order.map((m) => messages.lastIndexOf(m))).toEqual(
      [...order.map((m) => messages.lastIndexOf(m))].sort((a, b) => a - b),
    );
    expect(messages.lastIndexOf("shutting down: draining requests")).toBeLessThan(lines.indexOf(paid!));
    expect(lines.indexOf(paid!)).toBeLessThan(
      messages.lastIndexOf("requests drained: stopping background work"),
    );
    expect(messages).toContain("[startup] job worker stopped, database closed");
  } finally {
    // A failed test still stops its servers (the portal, then its gateway) before the next run.
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
  }
});
