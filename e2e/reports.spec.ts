import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import {
  DEMO,
  expect,
  expectAccessible,
  signIn,
  signInAsNewStaff,
  test,
  type TestDb,
} from "./support/fixtures";

/**
 * The billing office's money pages (docs/reports.md): the dashboard, the transactions list and
 * its CSV, the deposits. Each test's practice is its own, with its own staff member and
 * payments, so its figures are exactly what the test made, whatever other tests pay meanwhile.
 */

type TMade = {
  status: string;
  channel: string;
  payerUserId: string | null;
  method: string;
  amountCents: number;
};

const makePracticeWithPayments = async (db: TestDb) => {
  const tag = randomUUID().slice(0, 8);
  const id = (what: string) => `e2e_${what}_${randomUUID()}`;
  const practiceId = id("practice");
  await db.query(
    `INSERT INTO practice (id, name, "clientId", "timeZone", "updatedAt")
     VALUES ($1, 'Harbor Clinic', $2, 'America/New_York', now())`,
    [practiceId, `HBR-${tag}`],
  );
  const staff = { email: `clerk-${tag}@harbor.example`, password: "Harbor-Staff-1" };
  const staffId = id("user");
  await db.query(
    `INSERT INTO "user" (id, email, "passwordHash", role, "practiceId", "firstName", "lastName", "emailVerifiedAt", "updatedAt")
     VALUES ($1, $2, $3, 'BILLING_CLERK', $4, 'Hana', 'Harbor', now(), now())`,
    [staffId, staff.email, await hashPassword(staff.password), practiceId],
  );
  const accountId = id("account");
  await db.query(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "updatedAt")
     VALUES ($1, $2, $3, 'Robin', 'Harbor', now())`,
    [accountId, practiceId, `H-${tag}`],
  );
  const { rows: patients } = await db.query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [
    DEMO.patient.email,
  ]);
  const patientId = patients[0]!.id;
  // 55 payments made in the last minutes (more than a page of 50), over every channel and status.
  const statuses = ["CAPTURED", "SETTLED", "DECLINED", "PENDING", "VOIDED", "PARTIALLY_REFUNDED", "RETURNED"];
  const channels: [string, string | null][] = [
    ["WEB", patientId],
    ["WEB", null],
    ["AUTOPAY", patientId],
    ["PLAN", null],
    ["STAFF_PHONE", null],
    ["IMPORT", null],
  ];
  const methods = ["CARD", "ACH", "APPLE_PAY", "CASH", "CHECK"];
  const made: (TMade & { id: string })[] = Array.from({ length: 55 }, (_, i) => ({
    id: id("payment"),
    status: statuses[i % statuses.length]!,
    channel: channels[i % channels.length]![0],
    payerUserId: channels[i % channels.length]![1],
    method: methods[i % methods.length]!,
    amountCents: 1000 + i * 37, // $10.00, $10.37 …
  }));
  for (const [i, p] of made.entries()) {
    await db.query(
      `INSERT INTO payment (id, "practiceId", "accountId", "payerUserId", channel, status, "amountCents", "refundedCents",
         "idempotencyKey", "receiptNumber", "methodKind", brand, last4, "payerName", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::"PaymentChannel", $6::"PaymentStatus", $7, $8, $1, $9, $10::"PaymentMethodKind",
         $12, '4242', 'Robin, "Bobbie" Harbor',
         now() - make_interval(secs => $11), now())`,
      [
        p.id,
        practiceId,
        accountId,
        p.payerUserId,
        p.channel,
        p.status,
        p.amountCents,
        p.status === "PARTIALLY_REFUNDED" ? 500 : 0,
        `R-HBR-${tag}-${i}`,
        p.method,
        i,
        p.method === "CARD" ? "visa" : null,
      ],
    );
  }
  // A deposit of three settled payments.
  const settled = made.filter((p) => p.status === "SETTLED").slice(0, 3);
  const batchId = id("batch");
  await db.query(
    `INSERT INTO settlement_batch (id, "practiceId", "gatewayBatchId", "traceNumber", "effectiveDate", "settledAt",
       "itemCount", "totalCents", "returnsCents")
     VALUES ($1, $2, $1, '021000021234567', CURRENT_DATE, now(), 3, $3, 0)`,
    [batchId, practiceId, settled.reduce((n, p) => n + p.amountCents, 0)],
  );
  for (const p of settled) {
    await db.query(
      `INSERT INTO settlement_batch_item (id, "batchId", "paymentId", kind, "amountCents") VALUES ($1, $2, $3, 'SALE', $4)`,
      [id("item"), batchId, p.id, p.amountCents],
    );
  }
  return { staff, made, settled };
};

const COLLECTED = ["AUTHORIZED", "CAPTURED", "SETTLED", "PARTIALLY_REFUNDED", "REFUNDED"];

/** "$1,234.56" → 123456 (cents), without floats. */
const cents = (text: string) => Number(text.replace(/[$,.\s]/g, ""));

const listTotals = async (page: Page) => ({
  count: Number(await page.getByTestId("transactions-count").textContent()),
  cents: Number(await page.getByTestId("transactions-amount-cents").textContent()),
});

/** The CSV the list's "Download CSV" link gives: its rows, and its Amount column summed in cents. */
const downloadCsv = async (page: Page) => {
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await response.text();
  const lines = text.split("\r\n").slice(0, -1);
  const header = lines[0]!.split(",");
  const amount = header.indexOf("Amount");
  // The payer's name is quoted (it holds a comma and quotes): read cells, not commas.
  const cellsOf = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!).slice(0, header.length);
  const rows = lines.slice(1).map(cellsOf);
  return { text, rows, sum: rows.reduce((n, r) => n + cents(r[amount]!), 0) };
};

test("the dashboard's figures equal the transactions list and its CSV", async ({ page, db }) => {
  // Eight figures, each opened and its CSV read.
  test.setTimeout(150_000);
  const { staff, made } = await makePracticeWithPayments(db);
  const collected = made.filter((p) => COLLECTED.includes(p.status));
  await signIn(page, staff.email, staff.password);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expectAccessible(page);

  // Today's collections: what the test made.
  await expect(page.getByTestId("today-collected-count")).toHaveText(`${collected.length} payments`);
  const todayCents = collected.reduce((n, p) => n + p.amountCents, 0);
  expect(cents((await page.getByTestId("today-collected-amount").textContent())!)).toBe(todayCents);
  const pendingCount = made.filter((p) => p.status === "PENDING").length;
  await expect(page.getByTestId("pending-count")).toHaveText(`${pendingCount} payments`);
  // The chart, named, with its table.
  await expect(page.getByRole("img", { name: "Daily collections, last 30 days" })).toBeVisible();
  await page.getByText("The figures as a table").click();
  await expect(
    page.getByRole("table", { name: "Daily collections, last 30 days" }).getByRole("row"),
  ).toHaveCount(31);
  await expectAccessible(page);

  // Each figure against the list it links to, and the list against its CSV.
  const figures = [
    "today-collected",
    "today-channel-guest",
    "today-channel-portal",
    "today-method-card",
    "today-declines",
    "today-voids",
    "today-returns",
    "month-collected",
  ];
  for (const figure of figures) {
    await page.goto("/staff");
    const count = Number((await page.getByTestId(`${figure}-count`).textContent())!.replace(/\D/g, ""));
    const amount = cents((await page.getByTestId(`${figure}-amount`).textContent())!);
    await page.getByTestId(`${figure}-amount`).click();
    await expect(page.getByRole("heading", { level: 1, name: "Transactions" })).toBeVisible();
    expect(await listTotals(page), figure).toEqual({ count, cents: amount });
    const csv = await downloadCsv(page);
    expect({ count: csv.rows.length, cents: csv.sum }, `${figure} CSV`).toEqual({ count, cents: amount });
  }
  // Refunds are counted by the amount refunded.
  await page.goto("/staff");
  const refunds = cents((await page.getByTestId("today-refunds-amount").textContent())!);
  expect(refunds).toBe(made.filter((p) => p.status === "PARTIALLY_REFUNDED").length * 500);
  await page.getByTestId("today-refunds-amount").click();
  await expect(page.getByTestId("transactions-refunded-cents")).toHaveText(String(refunds));
  // No card or bank number in the CSV: the brand and the last 4.
  await page.goto("/staff/transactions?method=card");
  const csv = await downloadCsv(page);
  expect(csv.rows[0]).toEqual(expect.arrayContaining(["Card", "Visa", "4242"]));
  // No run of 12 digits or more in any cell but the payment's id (made of a UUID here).
  expect(csv.rows.flatMap((r) => r.slice(0, -1)).join(",")).not.toMatch(/\d{12,}/);
  await expectAccessible(page);
});

test("the list pages, filters and refuses bad filters; the deposits open their payments", async ({
  page,
  db,
}) => {
  const { staff, made, settled } = await makePracticeWithPayments(db);
  await signIn(page, staff.email, staff.password);
  // All of them, in pages of 50; a row opens its payment.
  await page.getByRole("link", { name: "Transactions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Transactions" })).toBeVisible();
  await expect(page.getByTestId("transactions-count")).toHaveText("55");
  await expect(page.getByTestId("transactions").locator("tbody tr")).toHaveCount(50);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("transactions").locator("tbody tr")).toHaveCount(5);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "First page" }).click();
  await page.getByTestId("transactions").locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/staff\/payments\/e2e_payment_/);

  // Filters from the form, kept in the address; a bad one says what is wrong.
  await page.goto("/staff/transactions");
  await page.getByLabel("Channel").selectOption({ label: "Guest (no sign-in)" });
  await page.getByLabel("Smallest amount").fill("20");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/channel=guest/);
  const guestOver20 = made.filter((p) => p.channel === "WEB" && !p.payerUserId && p.amountCents >= 2000);
  await expect(page.getByTestId("transactions-count")).toHaveText(String(guestOver20.length));
  await page.goto("/staff/transactions?min=ten&last4=12");
  await expect(page.getByText("Some filters are not valid")).toBeVisible();
  await expect(page.getByText("Enter the smallest amount in dollars, like 25 or 25.00.")).toBeVisible();
  await expect(page.getByLabel("Last 4")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  expect((await page.request.get("/staff/transactions/csv?min=ten")).status()).toBe(400);

  // Deposits: the batch, and its payments.
  await page.getByRole("link", { name: "Deposits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deposits" })).toBeVisible();
  const deposits = page.getByRole("table", { name: "Deposits (settlement batches)" });
  await expect(deposits).toContainText("021000021234567");
  await expect(deposits.locator("tbody tr")).toHaveCount(1);
  await expect(deposits).toContainText("Yes");
  await expectAccessible(page);
  await deposits.locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByTestId("deposit-summary")).toContainText("Trace 021000021234567");
  expect(await listTotals(page)).toEqual({
    count: settled.length,
    cents: settled.reduce((n, p) => n + p.amountCents, 0),
  });
  await expectAccessible(page);
});

test("the money pages are staff's only: a patient gets 403, and the CSV is not found", async ({ page }) => {
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  for (const path of ["/staff", "/staff/transactions", "/staff/deposits"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(
      page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
    ).toBeVisible();
  }
  const csv = await page.request.get("/staff/transactions/csv");
  expect(csv.status()).toBe(404);
  expect(await csv.text()).not.toContain("Receipt");
});

test("the search is a page of its own, and its old address still finds an account", async ({ page, db }) => {
  await signInAsNewStaff(page, db);
  await page.goto(`/staff?q=${encodeURIComponent(DEMO.guest.accountNumber)}`);
  await expect(page).toHaveURL(/\/staff\/search\?q=A-1001$/);
  await expect(page.getByRole("link", { name: /Rivera, Pat/ })).toBeVisible();
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
});
