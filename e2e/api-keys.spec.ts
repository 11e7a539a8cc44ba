import { randomUUID } from "node:crypto";
import {
  captureServerAction,
  DEMO,
  expect,
  expectAccessible,
  replayServerAction,
  signIn,
  signInAsNewStaff,
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

  await signInAsNewStaff(page, db, { role: "ADMIN" });
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

  // A payment transaction file (IMPTI10) as the body, to the built server: imported, acknowledged.
  const { rows: practices } = await db.query<{ clientId: string }>(
    `SELECT p."clientId" FROM practice p JOIN account a ON a."practiceId" = p.id WHERE a.id = $1`,
    [statement.accountId],
  );
  const fileName = `PT_${practices[0]!.clientId}_20261206_E2E-${randomUUID().slice(0, 8)}.txt`;
  const impti10 = (amount: string, last4 = "") =>
    [
      ...["IMPTI10", "M1", "FRONT-DESK", "T1", last4 ? "CreditCard" : "Cash", "AuthCapt", "20261120", amount],
      ...["", "", last4, "", "", "", ""],
      "Taylor Lockwood",
      ...Array<string>(13).fill(""),
      accountNumber,
      ...Array<string>(7).fill(""),
      statement.statementNumber,
    ].join("|");
  const balanceOf = async (id: string) =>
    (await db.query<{ balanceCents: number }>(`SELECT "balanceCents" FROM statement WHERE id = $1`, [id]))
      .rows[0]!.balanceCents;
  const balanceBefore = await balanceOf(statement.id);
  const file = `${impti10("1.25")}\r\n${impti10("2.00", "4000056655665556")}\r\n`;
  const imported = await api(`/payment-imports?file_name=${fileName}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: file,
  });
  expect(imported.status).toBe(201);
  const paymentImport = (await imported.json()) as { id: string; acknowledgement: { url: string } };
  expect(paymentImport).toMatchObject({
    file_name: fileName,
    status: "processed",
    row_count: 2,
    accepted_count: 1,
    rejected_count: 1,
    payments_recorded: 1,
    duplicate: false,
  });
  const ack = await fetch(paymentImport.acknowledgement.url.replace(/^https?:\/\/[^/]+/, origin), {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(ack.status).toBe(200);
  expect(ack.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  const ackLines = (await ack.text()).split("\n");
  expect(ackLines[0]).toBe("IMIA10|1|IMPTI10|A");
  expect(ackLines[1]).toMatch(/^IMIA10\|2\|IMPTI10\|R\|11\|FULL_CARD_NUMBER\|/);
  const again = await api(`/payment-imports?file_name=${fileName}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: file,
  });
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ id: paymentImport.id, duplicate: true });
  expect(await balanceOf(statement.id)).toBe(balanceBefore - 125);
  // Past 10 MB is refused there too, without a Content-Length (a chunked body, counted as it is
  // read): Next's proxy would have cut it to 10 MB and the file would have been imported short.
  const megabyte = new Uint8Array(1024 * 1024).fill(0x0a); // blank lines: cheap if they were read
  let sent = 0;
  const oversize = await api(`/payment-imports?file_name=${fileName.replace(".txt", "-big.txt")}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(megabyte.slice());
        else controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);
  expect(oversize.status).toBe(413);
  expect(oversize.headers.get("content-type")).toBe("application/problem+json");
  expect(await oversize.json()).toMatchObject({ detail: "The file may be at most 10485760 bytes." });

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
  for (const who of [await db.createStaff(), DEMO.patient]) {
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
  await signInAsNewStaff(page, db, { role: "ADMIN" });
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
    await signInAsNewStaff(staff, db);
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
