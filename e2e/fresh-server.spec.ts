import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signInAsNewStaff, test } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { TEST_CARDS } from "./support/test-numbers";

// Against a portal process that nothing else has used (port 3103): what a production build does
// depends on which of its chunks asked for a module first, so these tests choose that order.

const cardFrame = (page: Page) => page.frameLocator('iframe[title^="Card details"]');

const payByCard = async (page: Page, number: string) => {
  const frame = cardFrame(page);
  await frame.getByLabel("Card number").fill(number);
  await frame.getByLabel("Expiration date").fill("12/30");
  await frame.getByLabel("Security code (CVV)").fill("123");
  await frame.getByLabel("Billing ZIP code").fill("19103");
  await page.getByRole("button", { name: "Review payment" }).click();
  await page.getByRole("button", { name: "Pay $125.40" }).click();
};

test("a processor error, after the gateway client was made by another chunk, says nothing was charged; the next card pays", async ({
  page,
  browser,
  db,
}) => {
  // Staff traffic first: an autopay enrolment upload (its route is a chunk of its own) makes the
  // process's one gateway client, so its errors are of that chunk's GatewayError class.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInAsNewStaff(staff, db);
  await staff.goto("/staff/imports");
  await staff.getByLabel("Autopay enrolment (APCH, APCD)").check();
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const row = Array.from({ length: 36 }, (_, i) => ["APCD", "1", `A-NONE-${suffix}`][i] ?? "").join("|");
  await staff.getByLabel("File (.txt, pipe-delimited)").setInputFiles({
    name: `APC_RFM001_20261124_${suffix}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(["APCH|1|11242026", row].join("\r\n")),
  });
  await staff.getByRole("button", { name: "Import file" }).click();
  await expect(staff.getByTestId("rejected-count")).toHaveText("1");
  await staffContext.close();

  // Then a guest pays with the processor-error card (4000 0000 0000 0119).
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-PROC");
  await page.goto("/guest");
  await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
  await page.goto("/guest/pay");
  await payByCard(page, TEST_CARDS.processorError);
  await expect(
    page.getByText("The payment processor had a problem and nothing was charged. Please try again."),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/guest\/pay$/);
  await expectAccessible(page);

  // At once: the attempt is FAILED and the whole balance is owed again.
  const attempts = await db.query<{ id: string; status: string }>(
    `SELECT p.id, p.status FROM payment p JOIN payment_allocation a ON a."paymentId" = p.id
      WHERE a."statementId" = $1`,
    [statement.id],
  );
  expect(attempts.rows.map((r) => r.status)).toEqual(["FAILED"]);
  await page.goto("/guest/statement");
  await expect(page.getByTestId("balance")).toHaveText("$125.40");
  await page.goto(`/receipts/${attempts.rows[0]!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Payment receipt" })).toBeVisible();
  await expect(page.getByText(/processing/i)).toHaveCount(0);
  await expect(page.getByText(/not charged|nothing was charged/i).first()).toBeVisible();

  // Paying again is not refused as "processing": a good card goes through.
  await page.goto("/guest/pay");
  await payByCard(page, TEST_CARDS.visa);
  await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
  await expect(page.getByText("Approved").first()).toBeVisible();
  await page.goto("/guest/statement");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
});
