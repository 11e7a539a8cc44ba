import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail, type TestDb } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { pdfText } from "./support/pdf-text";

/** Clicks a download link and answers the file's suggested name and bytes. */
const download = async (page: Page, name: string) => {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name }).click();
  const file = await downloading;
  return { fileName: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
};

/**
 * A check for $25.00 on the statement, taken at the desk and recorded from the practice's
 * payment file (channel IMPORT, settled), as the payment importer leaves it: the balance down too.
 */
const recordCheckPayment = async (db: TestDb, statementId: string) => {
  const id = `e2e_${randomUUID()}`;
  const receiptNumber = `R-E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "methodKind", last4, "capturedAt", "settledAt", "updatedAt")
     SELECT $1, a."practiceId", a.id, 'IMPORT', 'SETTLED', 2500, $1, $2, 'CHECK', '1043', now(), now(), now()
     FROM statement s JOIN account a ON a.id = s."accountId" WHERE s.id = $3`,
    [id, receiptNumber, statementId],
  );
  await db.query(
    `INSERT INTO payment_allocation (id, "paymentId", "statementId", "amountCents", "updatedAt")
     VALUES ($1, $2, $3, 2500, now())`,
    [`${id}_a`, id, statementId],
  );
  await db.query(
    `UPDATE statement SET "balanceCents" = "balanceCents" - 2500, status = 'PARTIALLY_PAID' WHERE id = $1`,
    [statementId],
  );
  return receiptNumber;
};

/** This year in the practice's zone (the demo practice is in New York). */
const practiceYear = () =>
  Number(
    new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", year: "numeric" }).format(new Date()),
  );

test("a patient downloads a statement's itemized PDF and the year's payment summary, with JavaScript off; no one else can", async ({
  page,
  browser,
  db,
  clientIp,
}) => {
  const patient = await db.createPatient({ email: uniqueEmail("docs"), password: "Docs-Patient-123" });
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-DOCS");
  await db.linkStatementAccount(patient.id, statement.id);
  const receiptNumber = await recordCheckPayment(db, statement.id);
  const accountNumber = (
    await db.query<{ accountNumber: string }>(`SELECT "accountNumber" FROM account WHERE id = $1`, [
      statement.accountId,
    ])
  ).rows[0]!.accountNumber;
  const year = practiceYear();
  const { balanceCents } = (
    await db.query<{ balanceCents: number }>(`SELECT "balanceCents" FROM statement WHERE id = $1`, [
      statement.id,
    ])
  ).rows[0]!;
  const balanceNow = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(
    balanceCents / 100,
  );

  await signIn(page, patient.email, patient.password);
  await page.goto(`/bills/${statement.id}`);
  await expect(page.getByRole("link", { name: "Download itemized statement (PDF)" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/payments");
  await expect(page.getByRole("heading", { name: "Yearly payment summaries" })).toBeVisible();
  await expectAccessible(page);

  // The same session in a browser with JavaScript off: both links are plain downloads.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  try {
    const plain = await noScript.newPage();
    await plain.goto(`/bills/${statement.id}`);
    const itemized = await download(plain, "Download itemized statement (PDF)");
    expect(itemized.fileName).toBe(`itemized-statement-${statement.statementNumber}.pdf`);
    expect(itemized.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const itemizedText = pdfText(itemized.bytes);
    for (const expected of [
      "Itemized statement",
      statement.statementNumber,
      "Taylor Lockwood",
      // Its lines: codes, charges, insurance, adjustments.
      "99214",
      "80053",
      "90686",
      "$245.00",
      "-$160.00",
      "-$40.00",
      // The check, and the balance after it.
      receiptNumber,
      "Payment: Check \x95\x951043",
      "-$25.00",
      balanceNow,
    ]) {
      expect(itemizedText).toContain(expected);
    }

    await plain.goto("/payments");
    const summary = await download(plain, `${year} summary for account ${accountNumber} (PDF)`);
    expect(summary.fileName).toBe(`payment-summary-${year}-${accountNumber}.pdf`);
    const summaryText = pdfText(summary.bytes);
    for (const expected of [
      `Payment summary for ${year}`,
      accountNumber,
      receiptNumber,
      statement.statementNumber,
    ]) {
      expect(summaryText).toContain(expected);
    }
    expect(summaryText).toMatch(/Net paid\n\$25\.00/);
  } finally {
    await noScript.close();
  }

  // Another patient, and someone signed out, get 404 for both, and nothing of them.
  const summaryPath = `/payments/summary/${statement.accountId}/${year}`;
  const stranger = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
  try {
    const otherPage = await stranger.newPage();
    for (const path of [`/bills/${statement.id}/pdf`, summaryPath]) {
      const signedOut = await otherPage.request.get(path);
      expect(signedOut.status(), `${path} signed out`).toBe(404);
      expect(signedOut.headers()["content-type"]).not.toContain("pdf");
    }
    await signIn(otherPage, DEMO.patient.email, DEMO.patient.password);
    for (const path of [`/bills/${statement.id}/pdf`, summaryPath]) {
      const foreign = await otherPage.request.get(path);
      expect(foreign.status(), `${path} as another patient`).toBe(404);
      expect(foreign.headers()["content-type"]).not.toContain("pdf");
    }
  } finally {
    await stranger.close();
  }
});

test("a guest downloads the itemized PDF of the statement they looked up, with JavaScript off; without the guest session it is not found", async ({
  page,
  browser,
  db,
  request,
  clientIp,
}) => {
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-DOCG");
  await page.goto("/guest");
  await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
  await expect(page).toHaveURL(/\/guest\/statement$/);
  await expect(page.getByRole("link", { name: "Download itemized statement (PDF)" })).toBeVisible();
  await expectAccessible(page);

  // The guest session in a browser with JavaScript off: the page renders whole, the link downloads.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  try {
    const plain = await noScript.newPage();
    await plain.goto("/guest/statement");
    const itemized = await download(plain, "Download itemized statement (PDF)");
    expect(itemized.fileName).toBe(`itemized-statement-${statement.statementNumber}.pdf`);
    const text = pdfText(itemized.bytes);
    for (const expected of [statement.statementNumber, "Comprehensive metabolic panel", "80053", "$125.40"]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain("No payments have been made on this statement.");
  } finally {
    await noScript.close();
  }

  const stranger = await request.get("/guest/statement/pdf");
  expect(stranger.status()).toBe(404);
  expect(stranger.headers()["content-type"]).not.toContain("pdf");
});
