import type { Browser, Page } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  signIn,
  signInAsNewStaff,
  test,
  type TestDb,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";
import { cardFrame, fillCard } from "./support/cards";
import { TEST_CARDS } from "./support/test-numbers";

/** A signed-in billing manager of the demo practice in a browser context of their own. */
/** The Spanish agreement's payment-method line for the card kept in the no-email test. */
const SPANISH_METHOD_LINE = "Forma de pago: Visa ••4242.";

const clerkPage = async (browser: Browser, db: TestDb) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { email } = await signInAsNewStaff(page, db);
  return { page, email, close: () => context.close() };
};

/** Saves a Visa through the wallet's hosted card fields, and lets billing staff charge it. */
const addCardAllowingStaff = async (page: Page) => {
  await page.goto("/wallet");
  await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
  await page.getByLabel("Name on card").fill("Casey Tester");
  await fillCard(cardFrame(page), TEST_CARDS.visa);
  await page.getByRole("button", { name: "Save payment method" }).click();
  await expect(page.getByText("Card ending 1111 saved.")).toBeVisible();
  await page.getByRole("button", { name: "I agree: allow billing staff" }).click();
  await expect(page.getByText("Permission given.")).toBeVisible();
};

test.describe("the billing office takes payments", () => {
  test("a clerk takes a phone payment by card; the receipt is emailed and the patient sees it in their history", async ({
    page,
    browser,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("terminal"), password: "Terminal-Pat-123" });
    const statement = await db.cloneStatement("ST-1002", "ST-VT");
    await db.linkStatementAccount(patient.id, statement.id);
    const accountEmail = uniqueEmail("guarantor");
    await db.query(`UPDATE account SET email = $1 WHERE id = $2`, [accountEmail, statement.accountId]);

    const clerk = await clerkPage(browser, db);
    await clerk.page.goto(`/staff/accounts/${statement.accountId}`);
    await expectAccessible(clerk.page);
    await clerk.page.getByRole("link", { name: "Take a payment" }).click();
    await expect(clerk.page).toHaveURL(new RegExp(`/staff/accounts/${statement.accountId}/take-payment$`));
    await expect(clerk.page.getByRole("heading", { level: 1, name: "Take a payment" })).toBeVisible();
    // Type only once the form is interactive (the hosted fields appear after hydration).
    await expect(clerk.page.locator('iframe[title^="Card details"]')).toBeVisible();
    await expect(clerk.page.getByRole("radio", { name: "By phone" })).toBeChecked();
    await expect(clerk.page.getByLabel("Email the receipt to (optional)")).toHaveValue(accountEmail);
    await expectAccessible(clerk.page);

    await clerk.page.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("100.00");
    await fillCard(cardFrame(clerk.page), TEST_CARDS.visa);
    await clerk.page.getByRole("button", { name: "Review payment" }).click();
    await clerk.page.getByRole("button", { name: "Pay $100.00" }).click();
    await expect(clerk.page).toHaveURL(/\/staff\/payments\/[^/?]+\?taken=1$/);
    await expect(clerk.page.getByText("Payment taken.")).toBeVisible();
    await expect(clerk.page.getByTestId("channel")).toHaveText("Staff, by phone");
    await expect(clerk.page.getByTestId("taken-by")).toContainText(clerk.email);
    await expectAccessible(clerk.page);
    const paymentId = new URL(clerk.page.url()).pathname.split("/").pop()!;
    await clerk.close();

    const { rows } = await db.query<{
      channel: string;
      takenBy: string;
      payerUserId: string | null;
      amountCents: number;
    }>(
      `SELECT p.channel::text AS channel, u.email AS "takenBy", p."payerUserId", p."amountCents"
         FROM payment p JOIN "user" u ON u.id = p."takenByUserId" WHERE p.id = $1`,
      [paymentId],
    );
    expect(rows).toEqual([
      { channel: "STAFF_PHONE", takenBy: clerk.email, payerUserId: null, amountCents: 10000 },
    ]); // $100.00

    const receipt = await waitForMail(accountEmail, "receipt");
    expect(receipt.text).toContain("$100.00");

    // The patient sees the payment in their history, and its receipt.
    await signIn(page, patient.email, patient.password);
    await page.goto("/payments");
    await expect(page.getByRole("heading", { level: 1, name: "Payment history" })).toBeVisible();
    const { rows: receiptRows } = await db.query<{ receiptNumber: string }>(
      `SELECT "receiptNumber" FROM payment WHERE id = $1`,
      [paymentId],
    );
    const entry = page.getByRole("listitem").filter({ hasText: `Receipt ${receiptRows[0]!.receiptNumber}` });
    await expect(entry).toContainText("$100.00");
    await expectAccessible(page);
    await entry.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/receipts/${paymentId}$`));
  });

  test("staff set up a plan for the patient with the card they let staff charge; the patient is emailed the agreement", async ({
    page,
    browser,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("staffplan"), password: "Staff-Plan-123" });
    const statement = await db.cloneStatement("ST-1002", "ST-SPL");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);

    const clerk = await clerkPage(browser, db);
    // No method the patient lets staff charge yet: the form says so.
    await clerk.page.goto(`/staff/accounts/${statement.accountId}`);
    await clerk.page.getByRole("link", { name: "Set up a payment plan" }).click();
    await expect(clerk.page).toHaveURL(new RegExp(`/staff/accounts/${statement.accountId}/new-plan$`));
    await expect(
      clerk.page.getByText("The patient has no saved payment method they allow billing staff to charge."),
    ).toBeVisible();

    await addCardAllowingStaff(page);

    await clerk.page.reload();
    await expect(clerk.page.getByRole("combobox", { name: "Pay with" })).toContainText(patient.email);
    await clerk.page.getByLabel("Down payment today (optional)").fill("90.00");
    await clerk.page.getByRole("textbox", { name: "Number of payments" }).fill("4");
    await expect(clerk.page.getByTestId("plan-preview").getByRole("row")).toHaveCount(6);
    await expect(clerk.page.getByTestId("plan-agreement")).toContainText(
      "Down payment: $90.00, charged today.",
    );
    await clerk.page.getByRole("radio", { name: "By phone" }).check();
    await clerk.page
      .getByRole("checkbox", { name: "The patient has read or heard this agreement and accepts it" })
      .check();
    await expectAccessible(clerk.page);
    await clerk.page.getByRole("button", { name: "Set up the plan for the patient" }).click();
    await expect(clerk.page).toHaveURL(/\/staff\/plans\/[^/?]+\?created=1$/);
    await expect(
      clerk.page.getByText(`The plan is set up. The agreement was emailed to ${patient.email}.`),
    ).toBeVisible();
    await expect(clerk.page.getByTestId("plan-status")).toHaveText("Active");
    await expectAccessible(clerk.page);
    const planId = new URL(clerk.page.url()).pathname.split("/").pop()!;
    await clerk.close();

    const mail = await waitForMail(patient.email, "payment plan agreement");
    expect(mail.text).toContain("by phone");
    expect(mail.text).toContain("Down payment: $90.00, charged today.");
    expect(mail.text).toContain("version plan-agreement-v1");

    const { rows } = await db.query<{ agreedVia: string; createdBy: string; userId: string }>(
      `SELECT p."agreedVia"::text AS "agreedVia", u.email AS "createdBy", p."userId"
         FROM payment_plan p JOIN "user" u ON u.id = p."createdByUserId" WHERE p.id = $1`,
      [planId],
    );
    expect(rows).toEqual([{ agreedVia: "PHONE", createdBy: clerk.email, userId: patient.id }]);

    // The patient finds the plan among their own.
    await page.goto(`/plans/${planId}`);
    await expect(page.getByTestId("plan-status")).toHaveText("Active");
  });

  test("a plan for an account with no email on file: staff are told nothing was emailed and shown the agreement to print", async ({
    browser,
    db,
  }) => {
    // An account without a login or an email, with a card kept for it that staff may charge.
    const statement = await db.cloneStatement("ST-1002", "ST-NOMAIL");
    await db.query(
      `INSERT INTO payment_method (id, "accountId", kind, "gatewayToken", brand, last4, "expMonth", "expYear",
         "staffChargeConsentAt", "staffChargeConsentVersion", "updatedAt")
       VALUES ($1, $2, 'CARD', $1, 'visa', '4242', 12, 2030, now(), 'staff-charge-v1', now())`,
      [`e2e_pm_${statement.accountId.slice(-12)}`, statement.accountId],
    );
    const clerk = await clerkPage(browser, db);
    await clerk.page.goto(`/staff/accounts/${statement.accountId}/new-plan`);
    await clerk.page.getByRole("textbox", { name: "Number of payments" }).fill("4");
    // The patient speaks Spanish: the clerk reads the agreement to them in Spanish, in person.
    await expect(clerk.page.getByTestId("plan-agreement")).toHaveAttribute("lang", "en");
    await clerk.page.getByRole("combobox", { name: /Language of the agreement/ }).selectOption("Español");
    await expect(clerk.page.getByTestId("plan-agreement")).toHaveAttribute("lang", "es");
    await expect(clerk.page.getByTestId("plan-agreement")).toContainText(SPANISH_METHOD_LINE);
    await clerk.page.getByRole("radio", { name: "In person" }).check();
    await clerk.page
      .getByRole("checkbox", { name: "The patient has read or heard this agreement and accepts it" })
      .check();
    await expectAccessible(clerk.page);
    await clerk.page.getByRole("button", { name: "Set up the plan for the patient" }).click();
    await expect(clerk.page).toHaveURL(/\/staff\/plans\/[^/?]+\?created=1$/);
    await expect(
      clerk.page.getByText(
        "There is no email address on file for this patient, so the agreement was not emailed: print the agreement below and give the patient the copy.",
      ),
    ).toBeVisible();
    await expect(clerk.page.getByText("was emailed to")).toHaveCount(0);
    // The agreement is open on the page, ready to print.
    await clerk.page.getByRole("link", { name: "Go to the agreement" }).click();
    await expect(clerk.page.locator("#agreement pre")).toBeVisible();
    // The agreement kept, and shown to print, is the Spanish text read to the patient.
    await expect(clerk.page.locator("#agreement pre")).toContainText(SPANISH_METHOD_LINE);
    await expectAccessible(clerk.page);
    const planId = new URL(clerk.page.url()).pathname.split("/").pop()!;
    const { rows } = await db.query<{ agreementVersion: string }>(
      `SELECT "agreementVersion" FROM payment_plan WHERE id = $1`,
      [planId],
    );
    expect(rows).toEqual([{ agreementVersion: "plan-agreement-v1-es" }]);
    await clerk.close();
  });

  test("a patient opening the terminal or the staff plan form gets 403 and no account data", async ({
    page,
    db,
  }) => {
    const accountId = await db.accountId(DEMO.guest.accountNumber);
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    for (const path of [
      `/staff/accounts/${accountId}/take-payment`,
      `/staff/accounts/${accountId}/new-plan`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(
        page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
      ).toBeVisible();
      await expect(page.getByText(DEMO.guest.statementNumber)).toHaveCount(0);
    }
  });

  test("the terminal's page may frame the gateway's hosted fields; the account page may not", async ({
    page,
    db,
  }) => {
    const accountId = await db.accountId(DEMO.guest.accountNumber);
    await signInAsNewStaff(page, db);
    const terminal = await page.goto(`/staff/accounts/${accountId}/take-payment`);
    expect(terminal?.headers()["content-security-policy"]).toMatch(/frame-src https?:\/\/[^\s;]+/);
    const account = await page.goto(`/staff/accounts/${accountId}`);
    expect(account?.headers()["content-security-policy"]).toContain("frame-src 'none'");
  });
});
