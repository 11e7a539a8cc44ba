import type { Page } from "@playwright/test";
import { cardFrame, fillCard } from "./support/cards";
import {
  DEMO,
  expect,
  expectAccessible,
  expectAccessibleEmail,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { ACH_ACCOUNT_NUMBER, TEST_CARDS } from "./support/test-numbers";

/** The gateway's hosted bank fields, inside their iframe on the gateway's origin. */
const bankFrame = (page: Page) => page.frameLocator('iframe[title^="Bank account details"]');

const review = async (page: Page) => {
  await page.getByRole("button", { name: "Review payment" }).click();
  await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
  await expectAccessible(page);
};

test.describe("paying a bill", () => {
  test("a guest pays a statement in full by card and gets a receipt page, a PDF and an email", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-PAY");
    const email = uniqueEmail("guest-payer");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await page.getByRole("link", { name: "Pay this statement" }).click();
    await expect(page).toHaveURL(/\/guest\/pay$/);
    await expect(page.getByLabel(`Amount for statement ${statement.statementNumber}`)).toHaveValue("125.40");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByLabel("Email for your receipt (optional)").fill(email);
    await expectAccessible(page);
    await review(page);
    await expect(page.getByTestId("pay-total")).toHaveText("$125.40");
    await expect(page.getByText("Visa ••1111")).toBeVisible();

    await page.getByRole("button", { name: "Pay $125.40" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Payment receipt" })).toBeVisible();
    await expect(page.getByText("Approved").first()).toBeVisible();
    await expect(page.getByText("$125.40").first()).toBeVisible();
    await expect(page.getByText(statement.statementNumber).first()).toBeVisible();
    await expectAccessible(page);
    const receiptNumber = (await page
      .getByText(/^R-\d{8}-[2-9A-Z]{6}$/)
      .first()
      .textContent())!;

    const pdf = await page.request.get(`${page.url()}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    const mail = await waitForMail(email, "receipt");
    expect(mail.text).toContain(receiptNumber);
    expect(mail.text).toContain("$125.40");
    // The same receipt as HTML in the practice's name and colour, its link a button, and
    // accessible: axe on the HTML part as the SMTP server received it.
    const receiptPath = new URL(page.url()).pathname;
    expect(mail.text).toContain(receiptPath);
    await expectAccessibleEmail(page, mail);
    await expect(page.getByText("Riverside Family Medicine", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(mail.subject);
    await expect(page.getByRole("cell", { name: receiptNumber })).toBeVisible();
    await expect(page.getByRole("cell", { name: "$125.40" }).first()).toBeVisible();
    const button = page.getByRole("link", { name: "See your receipt" });
    await expect(button).toHaveAttribute("href", new RegExp(`^https?://[^/]+${receiptPath}$`));
    await expect(button).toHaveCSS("background-color", "rgb(29, 78, 216)"); // #1d4ed8, the default
    await expect(page.getByRole("link")).toHaveCount(2); // and "Look up your statement" (a guest)

    await page.goto("/guest/statement");
    await expect(page.getByTestId("balance")).toHaveText("$0.00");
    await expectAccessible(page);
  });

  test("a declined card says why, and another card then pays", async ({ page, db }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-DECL");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    await fillCard(cardFrame(page), TEST_CARDS.insufficientFunds);
    await review(page);
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    );
    await page.getByRole("button", { name: "Pay $125.40" }).click();
    await expect(
      page.getByText("Your card was declined for insufficient funds. Try another card or a bank account."),
    ).toBeVisible();
    // The action's answer is no document: the built server runs no proxy for it (proxy.ts), so no CSP.
    expect((await answer).headers()["content-security-policy"]).toBeUndefined();
    await expect(page).toHaveURL(/\/guest\/pay$/);
    await expectAccessible(page);

    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await review(page);
    await page.getByRole("button", { name: "Pay $125.40" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("two clicks on Pay before the page can answer charge once: both carry the attempt's key", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-TWICE");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await review(page);
    // Both clicks land in one task, before React can disable the button: two posts, one key.
    await page.getByRole("button", { name: "Pay $125.40" }).evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();
    const { rows } = await db.query<{ id: string }>(
      `SELECT p.id FROM payment p JOIN payment_allocation a ON a."paymentId" = p.id WHERE a."statementId" = $1`,
      [statement.id],
    );
    expect(rows, "payments on the statement").toHaveLength(1);
    expect(page.url()).toContain(`/receipts/${rows[0]!.id}`);
  });

  test("a card typed before the secure form's script has run is reviewed once the form is ready", async ({
    page,
    db,
  }) => {
    // A slow connection: the gateway's fields take typing before their script runs.
    let releaseScript = () => {};
    const scriptHeld = new Promise<void>((resolve) => (releaseScript = resolve));
    await page.context().route("**/hosted/hosted-fields.js", async (route) => {
      await scriptHeld;
      await route.continue();
    });
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-SLOW");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByText("Loading the secure payment form…")).toBeVisible();
    releaseScript();
    await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
    await expect(page.getByText("The secure payment form is still loading")).toHaveCount(0);
    await page.getByRole("button", { name: "Pay $125.40" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();
  });

  test("five declined cards pause card payments on the statement, and the page says so", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-TEST");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    for (let i = 0; i < 5; i++) {
      await fillCard(cardFrame(page), TEST_CARDS.declined);
      await page.getByRole("button", { name: "Review payment" }).click();
      await page.getByRole("button", { name: "Pay $125.40" }).click();
      await expect(page.getByText(/^Your card was declined/)).toBeVisible();
    }
    // The sixth try, with a good card, is not sent to the processor.
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await page.getByRole("button", { name: "Pay $125.40" }).click();
    await expect(
      page.getByText(/card payments are paused for 15 minutes after several declined attempts/),
    ).toBeVisible();
    await expectAccessible(page);
    const { rows } = await db.query<{ status: string }>(
      `SELECT p.status FROM payment p JOIN payment_allocation a ON a."paymentId" = p.id WHERE a."statementId" = $1`,
      [statement.id],
    );
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill("DECLINED"));
  });

  test("a patient pays part of a statement by bank account (ACH)", async ({ page, db }) => {
    const patient = await db.createPatient({ email: uniqueEmail("ach-payer"), password: "Ach-Payer-12" });
    const statement = await db.cloneStatement("ST-1002", "ST-ACH");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expect(page.getByTestId("total-due")).toHaveText("$890.00");
    await page.getByRole("link", { name: "Pay bills" }).click();
    await expect(page).toHaveURL(/\/pay$/);
    // Type only once the form is interactive (the hosted fields appear after hydration).
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    const amount = page.getByLabel(`Amount for statement ${statement.statementNumber}`);
    await amount.fill("0.50");
    await page.getByRole("radio", { name: "Bank account (ACH)" }).check();
    const bank = bankFrame(page);
    await bank.getByLabel("Routing number").fill("011000015");
    await bank.getByLabel("Account number").fill(ACH_ACCOUNT_NUMBER);
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByText("The smallest payment is $1.00.")).toBeVisible();
    await amount.fill("100.00");
    await review(page);
    await expect(page.getByText("Bank account ••3210")).toBeVisible();
    await page.getByRole("button", { name: "Pay $100.00" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();
    await expectAccessible(page);

    await page.goto("/bills");
    await expect(page.getByTestId("total-due")).toHaveText("$790.00");
    await page.goto("/payments");
    await expect(page.getByText("$100.00").first()).toBeVisible();
    await expectAccessible(page);
  });
});

/** The sandbox gateway's stand-in for a wallet's payment sheet, in the pay page's dialog. */
const walletSheet = (page: Page, wallet: "Apple Pay" | "Google Pay") =>
  page.frameLocator(`iframe[title^="${wallet} payment sheet"]`);

test.describe("paying with a wallet (through the sandbox simulator)", () => {
  test("a guest pays with Apple Pay: a declined card says why, another pays; the receipt shows the wallet", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-APPLE");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    const applePay = page.getByRole("button", { name: "Pay with Apple Pay (sandbox)" });
    await expect(applePay).toBeVisible();
    await expectAccessible(page);

    await applePay.click();
    const sheet = walletSheet(page, "Apple Pay");
    await expect(sheet.getByRole("heading", { name: /Sandbox Apple Pay/ })).toBeVisible();
    await expect(sheet.getByText("$125.40").first()).toBeVisible();
    await expectAccessible(page);
    await sheet.getByRole("radio", { name: /ending in 9995/ }).check();
    await sheet.getByRole("button", { name: "Pay $125.40" }).click();
    await expect(
      page.getByText("Your card was declined for insufficient funds. Try another card or a bank account."),
    ).toBeVisible();

    await applePay.click();
    await walletSheet(page, "Apple Pay")
      .getByRole("radio", { name: /Visa ending in 1111/ })
      .check();
    await walletSheet(page, "Apple Pay").getByRole("button", { name: "Pay $125.40" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Approved").first()).toBeVisible();
    await expect(page.getByText("Apple Pay · Visa ••1111")).toBeVisible();
    await expectAccessible(page);
  });

  test("a patient pays part of a bill with Google Pay; the receipt and the history show it", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("gpay-payer"), password: "Gpay-Payer-12" });
    const statement = await db.cloneStatement("ST-1002", "ST-GPAY");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    await page.goto("/pay");
    const googlePay = page.getByRole("button", { name: "Pay with Google Pay (sandbox)" });
    await expect(googlePay).toBeVisible();
    await page.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("20.00");
    await googlePay.click();
    const sheet = walletSheet(page, "Google Pay");
    await expect(sheet.getByRole("heading", { name: /Sandbox Google Pay/ })).toBeVisible();
    await sheet.getByRole("radio", { name: /Mastercard ending in 4444/ }).check();
    await sheet.getByRole("button", { name: "Pay $20.00" }).click();
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByText("Google Pay · Mastercard ••4444")).toBeVisible();
    await expectAccessible(page);

    await page.goto("/payments");
    await expect(page.getByText("Google Pay · Mastercard ••4444")).toBeVisible();
    await page.goto("/bills");
    await expect(page.getByTestId("total-due")).toHaveText("$870.00");
  });
});
