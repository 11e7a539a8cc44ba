import { randomUUID } from "node:crypto";
import type { FrameLocator, Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test, uniqueEmail, type TestDb } from "./support/fixtures";
import { ACH_ACCOUNT_NUMBER, TEST_CARDS } from "./support/test-numbers";

const cardFrame = (page: Page) => page.frameLocator('iframe[title^="Card details"]');
const bankFrame = (page: Page) => page.frameLocator('iframe[title^="Bank account details"]');

const fillCard = async (frame: FrameLocator, number: string) => {
  await frame.getByLabel("Card number").fill(number);
  await frame.getByLabel("Expiration date").fill("12/30");
  await frame.getByLabel("Security code (CVV)").fill("123");
  await frame.getByLabel("Billing ZIP code").fill("19103");
};

/** A patient with one linked account (a copy of ST-1002, $890.00) of their own. */
const patientWithBill = async (db: TestDb, prefix: string) => {
  const patient = await db.createPatient({ email: uniqueEmail(prefix), password: "Wallet-Owner-12" });
  const statement = await db.cloneStatement("ST-1002", "ST-WAL");
  await db.linkStatementAccount(patient.id, statement.id);
  const { rows } = await db.query<{ accountNumber: string }>(
    `SELECT a."accountNumber" FROM account a JOIN statement s ON s."accountId" = a.id WHERE s.id = $1`,
    [statement.id],
  );
  return { patient, statement, accountNumber: rows[0]!.accountNumber };
};

/** After a save the add form starts afresh: its secure frame reloads; check pages once it has. */
const secureFormReady = (page: Page) =>
  expect(page.getByText("Loading the secure payment form…")).toHaveCount(0);

/** The wallet entry whose heading has this text. */
const entry = (page: Page, heading: string | RegExp) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: heading }) });

test.describe("the wallet", () => {
  test("add a card and a bank account, set the default, rename, update the expiry, and remove (not while a plan uses it)", async ({
    page,
    db,
  }) => {
    const { patient, accountNumber } = await patientWithBill(db, "wallet");
    await signIn(page, patient.email, patient.password);
    await page.getByRole("link", { name: "Wallet" }).click();
    await expect(page).toHaveURL(/\/wallet$/);
    await expect(page.getByText("You have no saved payment methods yet.")).toBeVisible();
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    await secureFormReady(page);
    await expectAccessible(page);

    // A card: the first method is the default.
    await page.getByLabel("Name on card").fill("Casey Tester");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Save payment method" }).click();
    await expect(page.getByText("Card ending 1111 saved.")).toBeVisible();
    const card = entry(page, "Visa ••1111");
    await expect(card.getByText("Default", { exact: true })).toBeVisible();
    await expect(card.getByText("12/30")).toBeVisible();
    await secureFormReady(page);
    await expectAccessible(page);

    // A bank account with a nickname, then made the default.
    await page.getByRole("radio", { name: "Bank account (ACH)" }).check();
    await page.getByLabel("Name on account").fill("Casey Tester");
    await bankFrame(page).getByLabel("Routing number").fill("011000015");
    await bankFrame(page).getByLabel("Account number").fill(ACH_ACCOUNT_NUMBER);
    await page.getByLabel("Nickname (optional)").fill("Joint checking");
    await page.getByRole("button", { name: "Save payment method" }).click();
    await expect(page.getByText("Bank account ending 3210 saved.")).toBeVisible();
    const bank = entry(page, /^Joint checking · Bank account ••3210/);
    await expect(bank).toBeVisible();
    await bank.getByRole("button", { name: "Make default" }).click();
    await expect(bank.getByText("Default", { exact: true })).toBeVisible();
    await expect(card.getByText("Default", { exact: true })).toHaveCount(0);

    // Rename the card and give it its renewed card's expiry.
    await card.getByRole("button", { name: "Rename" }).click();
    await card.getByLabel("Nickname").fill("Work card");
    await card.getByRole("button", { name: "Save nickname" }).click();
    const workCard = entry(page, "Work card · Visa ••1111");
    await expect(workCard).toBeVisible();
    await workCard.getByRole("button", { name: "Update expiry" }).click();
    await workCard.getByLabel("New expiry date (MM/YY)").fill("13/31");
    await workCard.getByRole("button", { name: "Save expiry date" }).click();
    await expect(workCard.getByText("Enter the expiry as MM/YY, like 04/29.")).toBeVisible();
    await workCard.getByLabel("New expiry date (MM/YY)").fill("04/31");
    await workCard.getByRole("button", { name: "Save expiry date" }).click();
    await expect(workCard.getByText("04/31")).toBeVisible();
    await secureFormReady(page);
    await expectAccessible(page);

    // A payment plan charges the card: it cannot be removed until that changes.
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM payment_method WHERE "userId" = $1 AND last4 = '1111'`,
      [patient.id],
    );
    const planId = `e2e_plan_${rows[0]!.id}`;
    await db.query(
      `INSERT INTO payment_plan (id, "accountId", "userId", "paymentMethodId", "totalCents", "installmentCents",
         "installmentCount", frequency, "dayOfMonth", "startDate", "agreementText", "agreementVersion", "agreedAt", "updatedAt")
       SELECT $1, a.id, $2, $3, 89000, 8900, 10, 'MONTHLY', 1, DATE '2026-12-01', 'e2e', 'e2e', now(), now()
         FROM account a WHERE a."accountNumber" = $4`,
      [planId, patient.id, rows[0]!.id, accountNumber],
    );
    await page.reload();
    await expect(workCard.getByText(`the payment plan for account ${accountNumber}`).first()).toBeVisible();
    await workCard.getByRole("button", { name: "Remove", exact: true }).click();
    await workCard.getByRole("button", { name: "Remove Visa ••1111" }).click();
    await expect(
      workCard.getByText(`This method pays the payment plan for account ${accountNumber}.`, { exact: false }),
    ).toBeVisible();
    await secureFormReady(page);
    await expectAccessible(page);

    await db.query(`UPDATE payment_plan SET status = 'CANCELLED' WHERE id = $1`, [planId]);
    await page.reload();
    await workCard.getByRole("button", { name: "Remove", exact: true }).click();
    await workCard.getByRole("button", { name: "Remove Visa ••1111" }).click();
    await expect(workCard).toHaveCount(0);
    await expect(bank.getByText("Default", { exact: true })).toBeVisible();
    await secureFormReady(page);
    await expectAccessible(page);
  });

  test("save a new card while paying, then pay with it in two taps", async ({ page, db }) => {
    const { patient } = await patientWithBill(db, "save-pay");
    await signIn(page, patient.email, patient.password);
    await page.goto("/pay");
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    for (const line of await page.getByRole("textbox", { name: /^Amount for statement/ }).all()) {
      await line.fill("10.00");
    }
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByLabel("Save it for future payments").check();
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(
      page.getByText("Once the payment goes through, this method is saved in your wallet."),
    ).toBeVisible();
    await page.getByRole("button", { name: "Pay $10.00" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();

    await page.goto("/wallet");
    await expect(entry(page, "Visa ••1111").getByText("Default", { exact: true })).toBeVisible();

    // Next time: the saved card is offered first and chosen already.
    await page.goto("/pay");
    await expect(page.getByRole("radio", { name: /Visa ••1111/ })).toBeChecked();
    await expect(page.locator('iframe[title^="Card details"]')).toHaveCount(0);
    await expectAccessible(page);
    for (const line of await page.getByRole("textbox", { name: /^Amount for statement/ }).all()) {
      await line.fill("15.00");
    }
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByText("Visa ••1111")).toBeVisible();
    await page.getByRole("button", { name: "Pay $15.00" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("another patient's method id posted to the pay action gets “not found” and charges nothing", async ({
    page,
    db,
  }) => {
    const { patient, statement } = await patientWithBill(db, "own-method");
    const other = await db.createPatient({ email: uniqueEmail("other-method"), password: "Other-Owner-12" });
    const own = `e2e_pm_${randomUUID().slice(0, 8)}`;
    const foreign = `e2e_pm_${randomUUID().slice(0, 8)}`;
    for (const [id, userId, last4] of [
      [own, patient.id, "4242"],
      [foreign, other.id, "5556"],
    ] as const) {
      await db.query(
        `INSERT INTO payment_method (id, "userId", kind, "gatewayToken", brand, last4, "expMonth", "expYear",
           "isDefault", "updatedAt")
         VALUES ($1, $2, 'CARD', $3, 'visa', $4, 12, 2030, true, now())`,
        [id, userId, `pm_e2e_${id}`, last4],
      );
    }
    await signIn(page, patient.email, patient.password);
    await page.goto("/pay");
    await expect(page.getByRole("radio", { name: /Visa ••4242/ })).toBeChecked();
    await page.getByRole("button", { name: "Review payment" }).click();
    // The browser posts the action; on its way, swap our method id for the other patient's.
    await page.route("**/pay", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      const body = request.postData() ?? "";
      expect(body).toContain(own);
      return route.continue({ postData: body.replaceAll(own, foreign) });
    });
    await page.getByRole("button", { name: /^Pay \$/ }).click();
    await expect(page.getByText("We couldn't find that record.")).toBeVisible();
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM payment_allocation WHERE "statementId" = $1`,
      [statement.id],
    );
    expect(rows[0]!.n).toBe("0");
    await expectAccessible(page);
  });
});
