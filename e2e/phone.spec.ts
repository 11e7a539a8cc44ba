import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test } from "./support/fixtures";

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

const expectNoHorizontalScroll = async (page: Page) => {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(360);
};

test("bills and a statement fit a phone screen", async ({ page }) => {
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  await expect(page).toHaveURL(/\/bills$/);
  await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Statement ST-1002" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statement ST-1002" })).toBeVisible();
  // On a phone the services are a list of cards, not a table.
  const services = page.locator("section").filter({ has: page.getByRole("heading", { name: "Services" }) });
  await expect(services.getByRole("table")).toBeHidden();
  await expect(services.getByRole("listitem")).toHaveCount(3);
  await expect(services.getByRole("listitem").first()).toContainText("Colonoscopy, diagnostic");
  await expect(page.getByTestId("balance")).toHaveText("$890.00");
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  await page.getByRole("link", { name: "← All bills" }).click();
  await page.getByRole("link", { name: "Statement ST-1001" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statement ST-1001" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});
