import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { E2E_SECRETS, PORTS } from "./support/ports";
import { TEST_CARDS } from "./support/test-numbers";

/** A guest pays $50.00 of a fresh copy of ST-1001 by card; returns the receipt page's path. */
const guestPaysFifty = async (page: Page, statementNumber: string) => {
  await page.goto("/guest");
  await lookUpStatement(page, { statementNumber, dob: DEMO.guest.dob });
  await page.goto("/guest/pay");
  // Type only once the form is interactive (the hosted fields appear after hydration).
  await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
  await page.getByLabel(`Amount for statement ${statementNumber}`).fill("50.00");
  const card = page.frameLocator('iframe[title^="Card details"]');
  await card.getByLabel("Card number").fill(TEST_CARDS.visa);
  await card.getByLabel("Expiration date").fill("12/30");
  await card.getByLabel("Security code (CVV)").fill("123");
  await card.getByLabel("Billing ZIP code").fill("19103");
  await page.getByRole("button", { name: "Review payment" }).click();
  await page.getByRole("button", { name: "Pay $50.00" }).click();
  await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
  await expect(page.getByText("Approved").first()).toBeVisible();
  return new URL(page.url()).pathname;
};

/** The gateway's daily settlement, run now (the sandbox's on-demand endpoint). */
const settleAtGateway = async (page: Page) => {
  const response = await page.request.post(`http://localhost:${PORTS.gateway}/v1/settlements`, {
    headers: { authorization: `Bearer ${E2E_SECRETS.gatewayApiKey}`, "idempotency-key": crypto.randomUUID() },
    data: {},
  });
  expect(response.ok(), await response.text()).toBe(true);
};

test("staff refund $5.00 of a settled $50.00 payment; the receipt shows it and $45.00 stays refundable", async ({
  page,
  browser,
  db,
}) => {
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-RFND");
  const receiptPath = await guestPaysFifty(page, statement.statementNumber);
  const paymentId = receiptPath.split("/").pop()!;
  await settleAtGateway(page);

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO.staff.email, DEMO.staff.password);
  await staff.goto(`/staff/payments/${paymentId}`);
  await expect(staff.getByTestId("refundable")).toHaveText("$50.00");
  await expectAccessible(staff);
  await staff.getByRole("button", { name: "Refund…" }).click();
  const dialog = staff.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Amount to refund").fill("5.00");
  await dialog.getByLabel("Reason", { exact: true }).fill("Duplicate lab charge");
  const confirm = dialog.getByRole("button", { name: "Refund $5.00" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Confirm the refund").fill("5.00");
  await expectAccessible(staff);
  await confirm.click();
  await expect(staff.getByTestId("refundable")).toHaveText("$45.00");
  await expectAccessible(staff);
  await staffContext.close();

  // The payer's receipt shows the refund.
  await page.goto(receiptPath);
  await expect(page.getByText("Refunded $5.00").first()).toBeVisible();
  await expectAccessible(page);
});

test("a patient opening a staff payment page gets no payment data", async ({ page, db }) => {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM payment ORDER BY "createdAt" LIMIT 1`);
  // The staff area refuses patients before it looks at the id, so any id shows the same.
  const paymentId = rows[0]?.id ?? "any-payment-id";
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  const response = await page.goto(`/staff/payments/${paymentId}`);
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
  ).toBeVisible();
  await expect(page.getByText("Refund…")).toHaveCount(0);
  await expectAccessible(page);
});
