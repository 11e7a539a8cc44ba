import { randomUUID } from "node:crypto";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";
import { E2E_DATABASE_URL } from "./support/ports";

// A transactions CSV of more rows than TRANSACTIONS_CSV_JOB_ROWS (500 on the test servers,
// playwright.config.ts) is prepared by a job: the staff member sees "preparing your export" with
// a progress bar, then the download link (docs/reports.md, "Large CSVs").

const ROWS = 10_000;

test("a clerk asks for a large transactions CSV: it is prepared by a job with its progress shown, then downloaded whole; asking again while it runs is the same export", async ({
  page,
  db,
}) => {
  // A practice of its own, with its own clerk and 10,000 payments (about 1.7 MB of CSV).
  const tag = randomUUID().slice(0, 8);
  const practiceId = `e2e_practice_${randomUUID()}`;
  await db.query(
    `INSERT INTO practice (id, name, "clientId", "timeZone", "updatedAt")
     VALUES ($1, 'Bayview Clinic', $2, 'America/New_York', now())`,
    [practiceId, `BAY-${tag}`],
  );
  const clerk = { email: `clerk-${tag}@bayview.example`, password: "Bayview-Staff-1" };
  await db.query(
    `INSERT INTO "user" (id, email, "passwordHash", role, "practiceId", "firstName", "lastName", "emailVerifiedAt", "updatedAt")
     VALUES ($1, $2, $3, 'BILLING_CLERK', $4, 'Bo', 'Bayview', now(), now())`,
    [`e2e_user_${randomUUID()}`, clerk.email, await hashPassword(clerk.password), practiceId],
  );
  const accountId = `e2e_account_${randomUUID()}`;
  await db.query(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "updatedAt")
     VALUES ($1, $2, $3, 'Robin', 'Bayview', now())`,
    [accountId, practiceId, `B-${tag}`],
  );
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "methodKind", brand, last4, "payerName", "createdAt", "updatedAt")
     SELECT 'e2e_payment_' || $1 || '_' || g, $2, $3, 'WEB', 'CAPTURED', 1000 + g, 'e2e_idem_' || $1 || '_' || g,
       'R-BAY-' || $1 || '-' || g, 'CARD', 'visa', '4242',
       CASE WHEN g % 1000 = 0 THEN '=cmd|calc' ELSE 'Robin Bayview' END,
       now() - make_interval(secs => g), now()
     FROM generate_series(1, $4::int) g`,
    [tag, practiceId, accountId, ROWS],
  );

  await signIn(page, clerk.email, clerk.password);
  await page.goto("/staff/transactions");
  await expect(page.getByTestId("transactions-count")).toHaveText(String(ROWS));
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveCount(0);
  await expect(page.getByText("A long list: it is prepared in the background")).toBeVisible();
  await expectAccessible(page);
  const href = await page.getByRole("link", { name: "Prepare CSV" }).getAttribute("href");

  // The job stores the CSV in chunks of about 1 MB: while this test holds the chunks' table
  // against writes, the job has read the first chunk's rows and waits there, so the bar is seen
  // partway whatever the machine's speed; let go, it goes on.
  const locker = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await locker.connect();
  let exportPath = "";
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE transaction_export_chunk IN SHARE MODE");
    await page.getByRole("link", { name: "Prepare CSV" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Preparing your export" })).toBeVisible();
    exportPath = new URL(page.url()).pathname;
    expect(exportPath).toMatch(/^\/staff\/transactions\/exports\/[^/]+$/);
    const fileName = /transactions-\d{4}-\d{2}-\d{2}\.csv/;
    const bar = page.getByRole("progressbar", { name: /being written$/ });
    await expect(bar).toHaveAttribute("max", String(ROWS));
    await expect(page.getByTestId("file-progress-text")).toHaveText(
      /^(?!0 )[\d,]+ of 10,000 rows done(, (about \d+ (seconds?|minutes|hours)|less than a second) left)?\.$/,
    );
    const partway = Number(await bar.getAttribute("value"));
    expect(partway).toBeGreaterThan(0);
    expect(partway).toBeLessThan(ROWS);
    await expect(page.getByTestId("file-progress").getByText(fileName)).toBeVisible();
    await expectAccessible(page);

    // Asking again with the same filters while it is prepared: the same export.
    const again = await page.request.get(href!, { maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(again.headers()["location"]).toBe(exportPath);
  } finally {
    await locker.query("ROLLBACK");
    await locker.end();
  }

  // It finishes on its own: the page says so, with the download link.
  await expect(page.getByRole("heading", { level: 1, name: "Your export is ready" })).toBeVisible({
    timeout: 20_000,
  });
  const link = page.getByRole("status").getByRole("link", { name: /^transactions-\d{4}-\d{2}-\d{2}\.csv$/ });
  await expect(link).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expectAccessible(page);

  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await response.text()).split("\r\n").slice(0, -1);
  expect(lines).toHaveLength(ROWS + 1);
  expect(lines[0]).toBe(
    "Date,Receipt,Account,Payer,Channel,Method,Brand,Last 4,Status,Amount,Refunded,Currency,Taken by,Payment ID",
  );
  // A formula defused; no card number, only the last 4.
  expect(lines.filter((l) => l.includes(",'=cmd|calc,"))).toHaveLength(ROWS / 1000);
  expect(lines.join("\n")).not.toMatch(/\d{12,}/);
  expect(lines[1]).toContain(",Card,Visa,4242,Captured,");
});
