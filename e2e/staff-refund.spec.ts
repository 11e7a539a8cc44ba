import { DEMO, expect, expectAccessible, signIn, signInAsNewStaff, test } from "./support/fixtures";
import { guestPaysFifty, settleAtGateway } from "./support/settled-payment";

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
  await signInAsNewStaff(staff, db);
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
