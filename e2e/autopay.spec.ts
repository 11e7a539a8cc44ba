import { randomUUID } from "node:crypto";
import { expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";

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
