import { randomUUID } from "node:crypto";
import {
  captureServerAction,
  DEMO,
  expect,
  expectAccessible,
  replayServerAction,
  signIn,
  test,
} from "./support/fixtures";

/**
 * An admin makes an API key in the console (shown once), the practice's system uses it against
 * the built server, the admin revokes it and it stops working; the route handlers answer
 * problem+json in the production build; staff without the permission and patients get 403.
 */
test("an admin creates an API key, it reads payments from the built server, and once revoked it is refused", async ({
  page,
  browser,
  clientIp,
  db,
}) => {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const statement = await db.cloneStatement("ST-1001", "ST-E2E-API");
  const { rows } = await db.query<{ accountNumber: string }>(
    `SELECT "accountNumber" FROM account WHERE id = $1`,
    [statement.accountId],
  );
  const accountNumber = rows[0]!.accountNumber;
  const paymentId = `e2e_api_${randomUUID()}`;
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "methodKind", brand, last4, "capturedAt", "createdAt", "updatedAt")
     SELECT $1, "practiceId", id, 'WEB', 'CAPTURED', 2500, $1, $1, 'CARD', 'visa', '4242',
       now() - interval '2 minutes', now() - interval '2 minutes', now() - interval '2 minutes'
       FROM account WHERE id = $2`,
    [paymentId, statement.accountId],
  );
  await db.query(
    `INSERT INTO payment_allocation (id, "paymentId", "statementId", "amountCents", "updatedAt")
     VALUES ($1, $1, $2, 2500, now())`,
    [paymentId, statement.id],
  );

  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expectAccessible(page);

  const name = `PMS sync ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("radio", { name: /^Write/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText(`Key “${name}” created. Copy it now: it is not shown again.`)).toBeVisible();
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^ppk_live_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  // Shown once: the list names it by its prefix, and the page never shows the key again.
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(`${key.slice(0, 17)}…`);
  await expect(row).toContainText("Read and write");
  await expect(row).toContainText("Never");
  expect(await page.content()).not.toContain(key);

  // The practice's system, with the key, against the production build.
  const api = (path: string, init: RequestInit = {}, withKey = true) =>
    fetch(`${origin}/api/v1${path}`, {
      ...init,
      headers: { ...(withKey ? { authorization: `Bearer ${key}` } : {}), ...(init.headers ?? {}) },
    });
  const listed = await api(`/payments?account=${encodeURIComponent(accountNumber)}`);
  expect(listed.status).toBe(200);
  expect(listed.headers.get("content-type")).toMatch(/^application\/json/);
  const list = (await listed.json()) as {
    data: { id: string; amount_cents: number; account_number: string }[];
  };
  expect(list.data).toEqual([
    expect.objectContaining({ id: paymentId, amount_cents: 2500, account_number: accountNumber }),
  ]);
  const posted = await db.query(`SELECT 1 FROM payment_posting WHERE "paymentId" = $1 AND channel = 'API'`, [
    paymentId,
  ]);
  expect(posted.rowCount).toBe(1);

  const number = `ST-E2E-PUT-${randomUUID().slice(0, 8).toUpperCase()}`;
  const put = await api(`/statements/${number}`, {
    method: "PUT",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({
      patient_id: "P-E2E-1",
      patient_first_name: "Taylor",
      patient_last_name: "Lockwood",
      patient_dob: "1980-01-01",
      amount_due_cents: 4200,
      statement_date: "2026-11-30",
      status: "A",
      guarantor_id: accountNumber,
    }),
  });
  expect(put.status).toBe(201);
  expect(await put.json()).toMatchObject({
    statement_number: number,
    balance_cents: 4200,
    account_number: accountNumber,
  });

  // Errors are problem+json in the build too: no key, a path that does not exist, a wrong method.
  for (const [path, init, withKey, status] of [
    ["/payments", {}, false, 401],
    ["/invoices", {}, true, 404],
    ["", {}, true, 404],
    ["/payments", { method: "POST" }, true, 405],
    ["/payments?limit=1000", {}, true, 400],
  ] as const) {
    const answer = await api(path, init, withKey);
    expect(answer.status, path).toBe(status);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await answer.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status, instance: `/api/v1${path.split("?")[0]}` });
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.js|node_modules/);
  }
  const document = await fetch(`${origin}/api/v1/openapi.json`);
  expect((await document.json()) as object).toMatchObject({ openapi: "3.1.0" });

  // Revoke it: the next request is refused.
  await page.reload();
  await expect(
    page
      .getByRole("row", { name: new RegExp(name) })
      .getByRole("cell")
      .nth(3),
  ).not.toHaveText("Never");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
  await expectAccessible(page);
  const refused = await api("/payments");
  expect(refused.status).toBe(401);
  expect(refused.headers.get("content-type")).toBe("application/problem+json");

  // Staff without the permission, and patients, see neither the link nor the page.
  for (const who of [DEMO.staff, DEMO.patient]) {
    const context = await browser.newContext({
      baseURL: origin,
      extraHTTPHeaders: { "X-Forwarded-For": clientIp },
    });
    const other = await context.newPage();
    try {
      await signIn(other, who.email, who.password);
      await expect(other.getByRole("link", { name: "API keys" })).toHaveCount(0);
      const response = await other.goto("/staff/api-keys");
      expect(response?.status()).toBe(403);
      await expect(
        other.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
      ).toBeVisible();
      await expectAccessible(other);
    } finally {
      await context.close();
    }
  }
});

test("staff without the permission cannot make or revoke a key by posting the admin's forms", async ({
  page,
  browser,
  clientIp,
  db,
}) => {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/staff/api-keys");
  const kept = `Kept ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name").fill(kept);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByLabel("New API key")).toBeVisible();
  await page.goto("/staff/api-keys");

  // The admin's two actions, as the browser posts them, held back.
  const sneaky = `Sneaky ${randomUUID().slice(0, 6)}`;
  const create = await captureServerAction(page, "/staff/api-keys", async () => {
    await page.getByLabel("Name").fill(sneaky);
    await page.getByRole("button", { name: "Create key" }).click();
  });
  await page.goto("/staff/api-keys");
  page.once("dialog", (dialog) => void dialog.accept());
  const revoke = await captureServerAction(page, "/staff/api-keys", async () => {
    await page.getByRole("button", { name: `Revoke ${kept}` }).click();
  });

  const context = await browser.newContext({
    baseURL: origin,
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  const staff = await context.newPage();
  try {
    await signIn(staff, DEMO.staff.email, DEMO.staff.password);
    for (const action of [create, revoke]) {
      const answer = await replayServerAction(staff.request, "/staff/api-keys", action, { origin });
      expect(await answer.text()).toContain("You do not have access to this.");
    }
  } finally {
    await context.close();
  }
  const { rows } = await db.query<{ name: string; revokedAt: Date | null }>(
    `SELECT name, "revokedAt" FROM api_key WHERE name = ANY($1)`,
    [[kept, sneaky]],
  );
  expect(rows).toEqual([{ name: kept, revokedAt: null }]);
});
