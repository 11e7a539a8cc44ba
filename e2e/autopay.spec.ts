import { randomUUID } from "node:crypto";
import { expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";
import { ACH_ACCOUNT_NUMBER } from "./support/test-numbers";

test("a patient turns autopay on for an account with a saved card and a limit, then turns it off", async ({
  page,
  db,
}) => {
  const patient = await db.createPatient({ email: uniqueEmail("autopay"), password: "Autopay-Owner-12" });
  const statement = await db.cloneStatement("ST-1002", "ST-AUTO");
  await db.linkStatementAccount(patient.id, statement.id);
  const { rows } = await db.query<{ accountNumber: string }>(
    `SELECT a."accountNumber" FROM account a JOIN statement s ON s."accountId" = a.id WHERE s.id = $1`,
    [statement.id],
  );
  const accountNumber = rows[0]!.accountNumber;
  // A card already in the wallet (adding one is the wallet's own test).
  await db.query(
    `INSERT INTO payment_method (id, "userId", kind, "gatewayToken", brand, last4, "expMonth", "expYear", "isDefault", "updatedAt")
     VALUES ($1, $2, 'CARD', $3, 'visa', '4242', 12, 2030, true, now())`,
    [`e2e_pm_${randomUUID().slice(0, 8)}`, patient.id, `pm_e2e_${randomUUID()}`],
  );

  await signIn(page, patient.email, patient.password);
  await page.getByRole("link", { name: "Autopay" }).click();
  await expect(page).toHaveURL(/\/autopay$/);
  const account = page.getByRole("region", { name: `Account ${accountNumber}` });
  await expect(account.getByText("Autopay off", { exact: true })).toBeVisible();
  await expect(account.getByLabel("Payment method")).toHaveValue(/.+/);
  await expect(account.getByRole("option", { name: /Visa ••4242/ })).toBeAttached();
  await expectAccessible(page);

  // Not without the limit and the consent.
  await account.getByLabel("Limit per charge (dollars)").fill("0.50");
  await account.getByRole("button", { name: "Turn on autopay" }).click();
  await expect(account.getByText("The smallest payment is $1.00.")).toBeVisible();
  await account.getByLabel("Limit per charge (dollars)").fill("500.00");
  await account.getByLabel("I have read and accept the autopay authorization").check();
  await account.getByRole("button", { name: "Turn on autopay" }).click();
  await expect(account.getByText("Autopay on", { exact: true })).toBeVisible();
  await expect(account.getByText(/up to \$500\.00 per statement/)).toBeVisible();
  await expectAccessible(page);

  const stored = await db.query<{ status: string; limitCents: number; consentVersion: string }>(
    `SELECT e.status, e."limitCents", e."consentVersion" FROM autopay_enrollment e
       JOIN account a ON a.id = e."accountId" WHERE a."accountNumber" = $1`,
    [accountNumber],
  );
  expect(stored.rows).toEqual([{ status: "ACTIVE", limitCents: 50000, consentVersion: expect.any(String) }]);

  await account.getByRole("button", { name: "Turn off autopay" }).click();
  // The account is back to "off", with the form to turn it on again.
  await expect(account.getByText("Autopay off", { exact: true })).toBeVisible();
  await expect(account.getByRole("button", { name: "Turn on autopay" })).toBeVisible();
  const after = await db.query<{ status: string }>(
    `SELECT e.status FROM autopay_enrollment e JOIN account a ON a.id = e."accountId" WHERE a."accountNumber" = $1`,
    [accountNumber],
  );
  expect(after.rows).toEqual([{ status: "CANCELLED" }]);
  await expectAccessible(page);
});

test("a patient with no saved method turns autopay on with a bank account typed in the autopay form", async ({
  page,
  db,
}) => {
  const patient = await db.createPatient({
    email: uniqueEmail("autopay-new"),
    password: "Autopay-NewBank-12",
  });
  const statement = await db.cloneStatement("ST-1002", "ST-ANEW");
  await db.linkStatementAccount(patient.id, statement.id);
  const { rows } = await db.query<{ accountNumber: string }>(
    `SELECT a."accountNumber" FROM account a JOIN statement s ON s."accountId" = a.id WHERE s.id = $1`,
    [statement.id],
  );
  const accountNumber = rows[0]!.accountNumber;

  await signIn(page, patient.email, patient.password);
  await page.getByRole("link", { name: "Autopay" }).click();
  const account = page.getByRole("region", { name: `Account ${accountNumber}` });
  // No detour to the wallet: the bank account goes in here, in the gateway's own fields.
  const fields = account.getByRole("group", { name: "New card or bank account" });
  await expect(fields).toBeVisible();
  // Choose only once the form is interactive (the hosted fields appear after hydration): a radio
  // checked before it was put back to "Card" by React, and the bank's fields never came.
  await expect(fields.locator('iframe[title^="Card details"]')).toBeVisible();
  await fields.getByRole("radio", { name: "Bank account (ACH)" }).check();
  await fields.getByLabel("Name on account").fill("Casey Tester");
  const bank = page.frameLocator('iframe[title^="Bank account details"]');
  await bank.getByLabel("Routing number").fill("011000015");
  await bank.getByLabel("Account number").fill(ACH_ACCOUNT_NUMBER);
  await account.getByLabel("Limit per charge (dollars)").fill("300.00");
  await expect(account.getByLabel("Autopay authorization text")).toContainText(
    "charge the new card or bank account entered above",
  );
  await expect(page.getByText("Loading the secure payment form…")).toHaveCount(0);
  await expectAccessible(page);

  await account.getByLabel("I have read and accept the autopay authorization").check();
  await account.getByRole("button", { name: "Turn on autopay" }).click();
  await expect(account.getByText("Autopay on", { exact: true })).toBeVisible();
  await expect(account.getByText(/Bank account ••3210.*up to \$300\.00 per statement/)).toBeVisible();
  await expectAccessible(page);

  const stored = await db.query<{ status: string; kind: string; last4: string; consentText: string }>(
    `SELECT e.status, m.kind, m.last4, e."consentText" FROM autopay_enrollment e
       JOIN payment_method m ON m.id = e."paymentMethodId" JOIN account a ON a.id = e."accountId"
      WHERE a."accountNumber" = $1 AND m."userId" = $2 AND m."removedAt" IS NULL`,
    [accountNumber, patient.id],
  );
  expect(stored.rows).toEqual([
    { status: "ACTIVE", kind: "ACH", last4: "3210", consentText: expect.stringContaining("••3210") },
  ]);
});
