import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";
import { PORTS } from "./support/ports";
import { requestLine } from "./support/server-log";
import { guestPaysFifty } from "./support/settled-payment";

// Against the PostgreSQL portal (3100), which runs behind "our proxy" (TRUST_PROXY=true), as the
// load balancer of a deployment would be. docs/operations.md.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const root = path.resolve(import.meta.dirname, "..");

test("GET /api/health answers 200 ok without a session, never cached", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL }); // no cookie, no header of ours
  const health = await anonymous.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  expect(health.headers()["cache-control"]).toBe("no-store");
  expect(health.headers()["x-request-id"]).toMatch(UUID);
  // Idle connections stay open longer than a load balancer's 60 s (docs/deploy.md).
  expect(health.headers()["keep-alive"]).toBe("timeout=65");
  await anonymous.dispose();
});

test("every answer carries an X-Request-Id: pages, server actions, routes, static files, errors", async ({
  page,
}) => {
  const login = await page.goto("/login");
  expect(login!.headers()["x-request-id"]).toMatch(UUID);
  await expectAccessible(page);

  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute("src");
  const answers = {
    "a static file": await page.request.get(script!),
    "a public file": await page.request.get("/icons/icon-192.png"),
    "a route": await page.request.get("/api/auth/csrf"),
    "a page that does not exist": await page.request.get("/no/such/page"),
    "a refused address": await page.request.get("/login%01"),
  };
  expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status()]))).toEqual({
    "a static file": 200,
    "a public file": 200,
    "a route": 200,
    "a page that does not exist": 404,
    "a refused address": 400,
  });
  for (const [what, answer] of Object.entries(answers)) {
    expect(answer.headers()["x-request-id"], what).toMatch(UUID);
  }
  const ids = Object.values(answers).map((a) => a.headers()["x-request-id"]);
  expect(new Set(ids).size).toBe(ids.length);

  // A server action's answer (the guest lookup, as the browser posts it).
  await page.goto("/guest");
  await expectAccessible(page);
  const action = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await page.getByLabel("Statement number").fill(DEMO.guest.statementNumber);
  await page.getByLabel("Patient's date of birth").fill(DEMO.guest.dob);
  await page.getByRole("button", { name: "Find my statement" }).click();
  expect((await action).headers()["x-request-id"]).toMatch(UUID);
  await expect(page).toHaveURL(/\/guest\/statement$/);
  await expectAccessible(page);
});

test("behind our proxy, its well-formed X-Request-Id is kept, and a malformed one replaced", async ({
  page,
}) => {
  const fromProxy = `lb-${randomUUID()}`;
  const kept = await page.request.get("/api/health", { headers: { "X-Request-Id": fromProxy } });
  expect(kept.headers()["x-request-id"]).toBe(fromProxy);
  const malformed = await page.request.get("/api/health", {
    headers: { "X-Request-Id": "<script>alert(1)" },
  });
  expect(malformed.headers()["x-request-id"]).toMatch(UUID);
});

test("each request's log line has its route pattern, status, latency, the user's id and the payment's id, never an email", async ({
  page,
  db,
}) => {
  const patient = await db.createPatient({ email: uniqueEmail("logged"), password: "Logged-Patient-1" });
  await signIn(page, patient.email, patient.password);
  await page.goto("/bills");
  await expectAccessible(page);
  // The same page again, as our proxy would send it, with an id to find its line by (the
  // browser's own requests, prefetches included, each have an id of their own).
  const billsId = `e2e-${randomUUID()}`;
  const again = await page.request.get("/bills", { headers: { "X-Request-Id": billsId } });
  expect(again.status()).toBe(200);
  await expect.poll(() => requestLine(PORTS.portal, billsId), { timeout: 10_000 }).toBeDefined();
  const bills = requestLine(PORTS.portal, billsId)!;
  expect(bills).toMatchObject({
    level: "info",
    method: "GET",
    route: "/bills",
    status: 200,
    userId: patient.id,
    durationMs: expect.any(Number),
  });
  expect(JSON.stringify(bills)).not.toContain(patient.email);
  expect(JSON.stringify(bills)).not.toContain("@");

  // A guest's payment: the receipt page's line names the payment (by its id, in the pattern's place).
  await page.context().clearCookies();
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-LOG");
  const receiptPath = await guestPaysFifty(page, statement.statementNumber);
  await expectAccessible(page);
  const paymentId = receiptPath.split("/").pop()!;
  const receiptId = `e2e-${randomUUID()}`;
  await page.request.get(receiptPath, { headers: { "X-Request-Id": receiptId } });
  await expect.poll(() => requestLine(PORTS.portal, receiptId), { timeout: 10_000 }).toBeDefined();
  expect(requestLine(PORTS.portal, receiptId)).toMatchObject({
    method: "GET",
    route: "/receipts/[paymentId]",
    status: 200,
    paymentId,
  });
});

test("the built server loads pino once, from node_modules: the app's bundle does not carry a copy", async () => {
  // The app's lines and the server's share one logger and one request store (globalThis): that
  // needs pino left out of the bundle (next.config.js serverExternalPackages).
  const chunksDir = path.join(root, ".next", "server", "chunks");
  const chunks = readdirSync(chunksDir).filter((f) => f.endsWith(".js"));
  const requires = new Set<string>();
  for (const chunk of chunks) {
    const text = readFileSync(path.join(chunksDir, chunk), "utf8");
    expect(text, chunk).not.toContain("sonic-boom"); // pino's writer, were pino bundled
    for (const m of text.matchAll(/require\("(pino(?:-[0-9a-f]{16})?)"\)/g)) requires.add(m[1]!);
  }
  expect([...requires]).toHaveLength(1);
  const name = [...requires][0]!;
  const linked =
    name === "pino"
      ? path.join(root, "node_modules", "pino")
      : path.join(root, ".next", "node_modules", name);
  expect(realpathSync(linked)).toBe(realpathSync(path.join(root, "node_modules", "pino")));
});
