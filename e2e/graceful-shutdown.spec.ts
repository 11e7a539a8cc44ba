import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { cardFrame, fillCard } from "./support/cards";
import {
  captureServerAction,
  DEMO,
  expect,
  expectAccessible,
  replayServerAction,
  signIn,
  test as base,
  TestDb,
  uniqueEmail,
  type TCapturedAction,
} from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { E2E_SECRETS, E2E_SHUTDOWN_DATABASE_URL, PORTS, SMS_ENV, SMTP_SINK } from "./support/ports";
import { serverLogLines, type TLogLine } from "./support/server-log";
import { TEST_CARDS } from "./support/test-numbers";

// A portal of its own (3105, on a PostgreSQL database of its own) beside a sandbox gateway that
// takes GATEWAY_LATENCY_MS to answer, started through `npm start`'s path and stopped with SIGTERM
// while payments wait on the gateway, or killed with SIGKILL (docs/operations.md, "Graceful
// shutdown"). Not the other portals' database: their workers reconcile PENDING payments with
// their own gateway, which never heard of this one's, and would fail them.

/** `db` is this spec's database (E2E_SHUTDOWN_DATABASE_URL), made by each test's first start. */
const test = base.extend<{ db: TestDb }>({
  db: async ({}, provide) => {
    const pool = new pg.Pool({ connectionString: E2E_SHUTDOWN_DATABASE_URL, max: 2 });
    await provide(new TestDb(pool));
    await pool.end();
  },
});

const root = path.resolve(import.meta.dirname, "..");
const origin = `http://localhost:${PORTS.shutdown}`;
const gatewayOrigin = `http://localhost:${PORTS.shutdownGateway}`;
const GATEWAY_LATENCY_MS = 2_000;
const SHUTDOWN_TIMEOUT_SECONDS = 20;

type TInstance = { server: ChildProcess; exited: Promise<number | null> };

/**
 * Starts the portal on 3105 with its slow gateway on 4105. The portal's database and the gateway
 * start with no data (the portal's then migrated and seeded with the demo data), unless
 * `keepData`: an instance started again after it stopped or was killed (its database and its
 * gateway still know every payment and charge it made).
 */
const startInstance = ({ keepData = false } = {}): TInstance => {
  const server = spawn(
    process.execPath,
    [path.join(root, "e2e", "support", "start-server.mjs"), "postgres", ...(keepData ? [] : ["--reset"])],
    {
      cwd: root,
      stdio: "ignore",
      env: {
        ...process.env,
        PORT: String(PORTS.shutdown),
        E2E_DATABASE_URL: E2E_SHUTDOWN_DATABASE_URL,
        E2E_GATEWAY_PORT: String(PORTS.shutdownGateway),
        E2E_GATEWAY_ORIGINS: origin,
        E2E_GATEWAY_KEEP_DATA: keepData ? "1" : "0",
        GATEWAY_LATENCY_MS: String(GATEWAY_LATENCY_MS),
        SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
        SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
        ...SMS_ENV,
      },
    },
  );
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  return { server, exited };
};

/** Up: the portal's health check, and the gateway answering at all (it starts on its own). */
const waitUntilUp = async (request: APIRequestContext) => {
  const answers = async (url: string) => (await request.get(url).catch(() => null))?.status();
  await expect.poll(() => answers(`${origin}/api/health`), { timeout: 180_000, intervals: [250] }).toBe(200);
  await expect.poll(() => answers(`${gatewayOrigin}/`), { timeout: 60_000, intervals: [250] }).toBeDefined();
};

const isRunning = ({ server }: TInstance) => server.exitCode === null && server.signalCode === null;

/** A failed test still stops its servers (the portal, then its gateway) before the next run. */
const stopInstance = async (instance: TInstance | undefined) => {
  if (!instance || !isRunning(instance)) return;
  instance.server.kill("SIGTERM");
  await Promise.race([instance.exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
};

test("on SIGTERM a payment waiting on the gateway completes, then the server stops its worker and exits in time", async ({
  page,
  db,
}) => {
  test.setTimeout(240_000);
  const instance = startInstance();
  const { server, exited } = instance;
  try {
    await waitUntilUp(page.request);

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

    // The log: the drain began, the payment's request line (with its id), then the background work
    // stopped, then the exit. Lines are compared by their times (a tie is allowed): the log file
    // is the pipes of more than one process, and a line can reach it after a later one.
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
    const timeOf = (line: TLogLine | undefined) => new Date(line?.time as string).getTime();
    const lastLine = (msg: string) => lines.findLast((l) => l.msg === msg && l.pid === paid!.pid);
    const times = [
      timeOf(lastLine("shutting down: draining requests")),
      timeOf(paid),
      timeOf(lastLine("requests drained: stopping background work")),
      timeOf(lastLine("stopped")),
    ];
    expect(times.every(Number.isFinite), `the four lines, in ${JSON.stringify(messages)}`).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(messages).toContain("[startup] job worker stopped, database closed");
  } finally {
    await stopInstance(instance);
  }
});

// ---- a run of payments, with the instance stopped (SIGTERM) and killed (SIGKILL) under it ------

const AMOUNT = "50.00";
const AMOUNT_CENTS = 5_000;

/** A single-use card token from the gateway's hosted fields, as the pay page gets one (bench/support.ts). */
const newCardToken = async () => {
  const response = await fetch(`${gatewayOrigin}/hosted/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      key: "pk_sandbox_portal",
      origin,
      kind: "card",
      number: TEST_CARDS.visa,
      expiry: `12/${String((new Date().getUTCFullYear() + 4) % 100).padStart(2, "0")}`,
      cvv: "123",
      zip: "19103",
    }),
  });
  const body = (await response.json()) as { token?: string };
  expect(response.ok && body.token, `a card token: ${response.status} ${JSON.stringify(body)}`).toBeTruthy();
  return body.token!;
};

/** The pay action's arguments with another statement, token and idempotency key: another payment. */
const payBody = (pay: TCapturedAction, change: { statementId: string; token: string; key: string }) => {
  const args = JSON.parse(pay.body.toString("utf8")) as unknown[];
  const isPayInput = (arg: unknown): arg is Record<string, unknown> =>
    typeof arg === "object" && arg !== null && "idempotencyKey" in arg;
  expect(args.filter(isPayInput), "the pay form's input in the captured action").toHaveLength(1);
  return Buffer.from(
    JSON.stringify(
      args.map((arg) =>
        isPayInput(arg)
          ? {
              ...arg,
              allocations: [{ statementId: change.statementId, amount: AMOUNT }],
              token: change.token,
              idempotencyKey: change.key,
            }
          : arg,
      ),
    ),
  );
};

type TAnswer = { statementId: string; key: string } & ({ status: number; text: string } | { error: string });

/** The pids under `pid` (Linux /proc). */
const descendantsOf = (pid: number): number[] => {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks
    .flatMap((task) => {
      try {
        return readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/);
      } catch {
        return [];
      }
    })
    .filter(Boolean)
    .map(Number)
    .flatMap((child) => [child, ...descendantsOf(child)]);
};

/** The pid of the instance's HTTP server itself (scripts/server.mjs, under start-server and start.mjs). */
const portalPidOf = ({ server }: TInstance) => {
  const pid = descendantsOf(server.pid!).find((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, "utf8")
        .split("\0")
        .includes(path.join(root, "scripts", "server.mjs"));
    } catch {
      return false;
    }
  });
  expect(pid, "the portal's server process").toBeDefined();
  return pid!;
};

type TGatewayPayment = { id: string; status: string; amount_cents: number; idempotency_key: string };

/** Every payment the gateway has made since it started with no data (its own API, as the portal calls it). */
const gatewayPayments = async (request: APIRequestContext) => {
  const answer = await request.get(`${gatewayOrigin}/v1/transactions?limit=1000`, {
    headers: { authorization: `Bearer ${E2E_SECRETS.gatewayApiKey}` },
  });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { data: TGatewayPayment[] }).data;
};

test("kill instances during a run of payments: every payment ends exactly once, and none stays PENDING past reconciliation", async ({
  page,
  db,
}) => {
  test.setTimeout(240_000);
  let instance = startInstance();
  try {
    await waitUntilUp(page.request);
    // One patient's account with 12 statements, each paid at most once, by its own payment.
    const patient = await db.createPatient({ email: uniqueEmail("kill-run"), password: "Kill-Run-1" });
    const first = await db.cloneStatement(DEMO.guest.statementNumber, "ST-KILL");
    await db.linkStatementAccount(patient.id, first.id);
    // The pay action as the patient's pay page posts it (captured, not let through): each payment
    // of the run is that post with its own statement, card token and idempotency key.
    await signIn(page, patient.email, patient.password);
    await page.goto("/pay");
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel(`Amount for statement ${first.statementNumber}`).fill(AMOUNT);
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
    const pay = await captureServerAction(page, "/pay", () =>
      page.getByRole("button", { name: `Pay $${AMOUNT}` }).click(),
    );
    // The other 11 statements of the account, made once the page has been shown with one.
    const statements = [first];
    for (let i = 1; i < 12; i++) {
      statements.push(
        await db.cloneStatement(DEMO.guest.statementNumber, "ST-KILL", { accountId: first.accountId }),
      );
    }
    const ids = statements.map((s) => s.id);
    const balancesOf = async () =>
      new Map(
        (
          await db.query<{ id: string; balanceCents: number }>(
            `SELECT id, "balanceCents" FROM statement WHERE id = ANY($1::text[])`,
            [ids],
          )
        ).rows.map((r) => [r.id, r.balanceCents]),
      );
    const balancesBefore = await balancesOf();
    const paymentsOn = async (statementIds: string[]) =>
      (
        await db.query<{ id: string; status: string; amountCents: number; statementId: string }>(
          `SELECT p.id, p.status, p."amountCents", a."statementId"
             FROM payment p JOIN payment_allocation a ON a."paymentId" = p.id
            WHERE a."statementId" = ANY($1::text[])`,
          [statementIds],
        )
      ).rows;
    const pendingOn = async (statementIds: string[]) =>
      (await paymentsOn(statementIds)).filter((p) => p.status === "PENDING").length;

    const cookie = (await page.context().cookies(origin)).map((c) => `${c.name}=${c.value}`).join("; ");
    // A fresh card token for each payment, made beforehand (the gateway stops with the instance).
    const tokens = new Map(await Promise.all(ids.map(async (id) => [id, await newCardToken()] as const)));
    const payOnce = async (statementId: string): Promise<TAnswer> => {
      const key = randomUUID();
      const body = payBody(pay, { statementId, token: tokens.get(statementId)!, key });
      try {
        const answer = await replayServerAction(
          page.request,
          `${origin}/pay`,
          { ...pay, body },
          { origin, cookie },
        );
        return { statementId, key, status: answer.status(), text: await answer.text() };
      } catch (error) {
        // Its first line only ("connect ECONNREFUSED …"): the call log after it has the cookies.
        return { statementId, key, error: (error as Error).message.split("\n")[0]! };
      }
    };
    const approved = (a: TAnswer) =>
      "status" in a && a.status === 200 && a.text.includes('"status":"CAPTURED"');

    // 1. SIGTERM mid-run. Two payments go through; four are sent together and, while they wait
    //    on the gateway, the instance is told to stop; four more are sent once it is draining.
    const before = await Promise.all(ids.slice(0, 2).map(payOnce));
    expect(before.filter(approved), JSON.stringify(before)).toHaveLength(2);

    const inFlightIds = ids.slice(2, 6);
    const inFlight = Promise.all(inFlightIds.map(payOnce));
    await expect.poll(() => pendingOn(inFlightIds), { intervals: [50] }).toBe(4);
    const signalledAt = Date.now();
    instance.server.kill("SIGTERM");
    await expect
      .poll(() => serverLogLines(PORTS.shutdown).some((l) => l.msg === "shutting down: draining requests"), {
        intervals: [50],
      })
      .toBe(true);
    const afterIds = ids.slice(6, 10);
    const after = await Promise.all(afterIds.map(payOnce));

    // The four in flight are answered and approved; the four late ones are refused (503 on a
    // connection still open, else no connection at all) and reach nothing: no payment, no charge.
    const answered = await inFlight;
    expect(answered.filter(approved), JSON.stringify(answered)).toHaveLength(4);
    for (const late of after) {
      expect(
        "status" in late ? late.status === 503 : /ECONNREFUSED|ECONNRESET|socket hang up/.test(late.error),
        `a payment sent while draining: ${JSON.stringify(late)}`,
      ).toBe(true);
    }
    expect(await instance.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000);
    expect(await paymentsOn(afterIds)).toEqual([]);
    const stopped = await paymentsOn(ids.slice(0, 6));
    expect(stopped.map((p) => p.status)).toEqual(Array(6).fill("CAPTURED"));
    expect(new Set(stopped.map((p) => p.statementId)).size).toBe(6);

    // 2. SIGKILL mid-payment: the instance is started again (its gateway keeps its data), two
    //    payments are sent, and the server process is killed while they wait on the gateway.
    instance = startInstance({ keepData: true });
    await waitUntilUp(page.request);
    const portalPid = portalPidOf(instance);
    const killedIds = ids.slice(10, 12);
    const cutOff = Promise.all(killedIds.map(payOnce));
    await expect.poll(() => pendingOn(killedIds), { intervals: [50] }).toBe(2);
    process.kill(portalPid, "SIGKILL");
    for (const lost of await cutOff) expect(lost, "a payment cut off by the kill").toHaveProperty("error");
    await instance.exited;
    const killed = await paymentsOn(killedIds);
    expect(killed.map((p) => p.status)).toEqual(["PENDING", "PENDING"]);

    // Started again, reconciliation settles them: the payer's receipt asks the gateway about a
    // payment PENDING for 30 seconds (what the payments.reconcile-pending sweep calls too), or
    // the gateway's webhook, delivered again, gets there first. A payment the kill cut off before
    // its charge left the portal is one the gateway never heard of: after 2 minutes
    // (UNSEEN_AFTER_MS in lib/payments/reconcile-payment.ts) it is FAILED, never charged. The
    // test does not wait that out: it moves the payments' creation back by that much.
    instance = startInstance({ keepData: true });
    await waitUntilUp(page.request);
    await db.query(
      `UPDATE payment SET "createdAt" = "createdAt" - interval '2 minutes' WHERE id = ANY($1::text[])`,
      [killed.map((p) => p.id)],
    );
    await expect
      .poll(
        async () => {
          for (const p of killed) await page.request.get(`${origin}/receipts/${p.id}/status`);
          return pendingOn(killedIds);
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toBe(0);

    // Every payment of the run ended once, and the books match the gateway's.
    const payments = await paymentsOn(ids);
    expect(payments.filter((p) => !["CAPTURED", "FAILED"].includes(p.status))).toEqual([]);
    expect(new Set(payments.map((p) => p.statementId)).size, "one payment a statement").toBe(payments.length);
    expect(payments.map((p) => p.statementId).sort()).toEqual([...ids.slice(0, 6), ...killedIds].sort());
    const outcomes = await db.query<{ paymentId: string; type: string; data: unknown; createdAt: Date }>(
      `SELECT "paymentId", type, data, "createdAt" FROM payment_event
        WHERE "paymentId" = ANY($1::text[]) AND type LIKE 'status.%' ORDER BY "paymentId", "createdAt"`,
      [payments.map((p) => p.id)],
    );
    expect(
      payments.map((p) => outcomes.rows.filter((r) => r.paymentId === p.id).length),
      `one outcome a payment: ${JSON.stringify(outcomes.rows)}`,
    ).toEqual(payments.map(() => 1));
    const balancesAfter = await balancesOf();
    for (const id of ids) {
      const captured = payments.filter((p) => p.statementId === id && p.status === "CAPTURED");
      expect(balancesAfter.get(id), `the balance of ${id}`).toBe(
        balancesBefore.get(id)! - captured.reduce((sum, p) => sum + p.amountCents, 0),
      );
    }
    const charges = await gatewayPayments(page.request);
    const captured = payments.filter((p) => p.status === "CAPTURED");
    expect(
      charges
        .map((c) => ({ key: c.idempotency_key, status: c.status, amountCents: c.amount_cents }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      "one approved charge at the gateway for each captured payment, none for anything else",
    ).toEqual(
      captured
        .map((p) => ({ key: p.id, status: "approved", amountCents: AMOUNT_CENTS }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );

    instance.server.kill("SIGTERM");
    expect(await instance.exited).toBe(0);
  } finally {
    await stopInstance(instance);
  }
});
