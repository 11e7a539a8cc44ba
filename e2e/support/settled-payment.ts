import type { Page } from "@playwright/test";
import { DEMO, expect } from "./fixtures";
import { lookUpStatement } from "./guest";
import { E2E_SECRETS, PORTS } from "./ports";
import { TEST_CARDS } from "./test-numbers";

/** A guest pays $50.00 of a fresh copy of ST-1001 by card; returns the receipt page's path. */
export const guestPaysFifty = async (page: Page, statementNumber: string) => {
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
export const settleAtGateway = async (page: Page) => {
  const response = await page.request.post(`http://localhost:${PORTS.gateway}/v1/settlements`, {
    headers: { authorization: `Bearer ${E2E_SECRETS.gatewayApiKey}`, "idempotency-key": crypto.randomUUID() },
    data: {},
  });
  expect(response.ok(), await response.text()).toBe(true);
};
