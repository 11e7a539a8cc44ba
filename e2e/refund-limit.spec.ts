import { randomUUID } from "node:crypto";
import { DEMO, expect, expectAccessible, signInAsNewStaff, test, type TestDb } from "./support/fixtures";

/** A settled $600.00 card payment on an account of its own (above the demo's $500.00 threshold). */
const settledSixHundred = async (db: TestDb) => {
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-LIMIT");
  const { rows } = await db.query<{ practiceId: string }>(`SELECT "practiceId" FROM account WHERE id = $1`, [
    statement.accountId,
  ]);
  const paymentId = `e2e_${randomUUID().replaceAll("-", "")}`; // within the refund form's 40 characters
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "methodKind", brand, last4, "gatewayTransactionId", "capturedAt", "settledAt", "updatedAt")
     VALUES ($1, $2, $3, 'WEB', 'SETTLED', 60000, $1, $4, 'CARD', 'visa', '1111', $5, now(), now(), now())`,
    [
      paymentId,
      rows[0]!.practiceId,
      statement.accountId,
      `R-LIMIT-${randomUUID().slice(0, 8)}`,
      `gw_${paymentId}`,
    ],
  ); // $600.00
  return paymentId;
};

test("a clerk without payments.refund.large is told the limit and refused a refund above the threshold", async ({
  page,
  db,
}) => {
  const paymentId = await settledSixHundred(db);
  await signInAsNewStaff(page, db, { role: "BILLING_CLERK" });
  await page.goto(`/staff/payments/${paymentId}`);
  await expect(page.getByTestId("refundable")).toHaveText("$600.00");
  await expect(page.getByTestId("refund-limit")).toHaveText(
    "You can refund up to $500.00 at a time. A larger refund needs a billing manager or an administrator.",
  );
  await expectAccessible(page);

  await page.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Amount to refund").fill("500.01");
  await dialog.getByLabel("Reason", { exact: true }).fill("Overpaid at the desk");
  await dialog.getByLabel("Confirm the refund").fill("500.01");
  await dialog.getByRole("button", { name: "Refund $500.01" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    "You can refund up to $500.00 at a time. A larger refund needs a billing manager or an administrator. Nothing was refunded.",
  );
  await expectAccessible(page);

  const { rows: refunds } = await db.query(`SELECT 1 FROM refund WHERE "paymentId" = $1`, [paymentId]);
  expect(refunds).toHaveLength(0);
  const { rows: audit } = await db.query<{ outcome: string; metadata: unknown }>(
    `SELECT outcome, metadata FROM audit_log WHERE "targetId" = $1 AND action = 'payment.refund'`,
    [paymentId],
  );
  expect(audit).toEqual([
    {
      outcome: "DENIED",
      metadata: { permission: "payments.refund.large", amountCents: 50001, thresholdCents: 50000 },
    },
  ]);
});

test("a billing manager sees no limit; an admin edits the threshold and others get 403", async ({
  page,
  browser,
  db,
}) => {
  const paymentId = await settledSixHundred(db);
  await signInAsNewStaff(page, db);
  await page.goto(`/staff/payments/${paymentId}`);
  await expect(page.getByRole("button", { name: "Refund…" })).toBeVisible();
  await expect(page.getByTestId("refund-limit")).toHaveCount(0);
  const refused = await page.goto("/staff/refund-limit");
  expect(refused?.status()).toBe(403);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsNewStaff(admin, db, { role: "ADMIN" });
  await admin.goto("/staff/refund-limit");
  await expect(admin.getByRole("heading", { level: 1, name: "Large-refund limit" })).toBeVisible();
  const field = admin.getByLabel("Large-refund threshold (dollars)");
  await expect(field).toHaveValue("500.00");
  await expectAccessible(admin);
  await field.fill("abc");
  await admin.getByRole("button", { name: "Save the limit" }).click();
  await expect(admin.getByText("Enter an amount from $0.00 to $1,000,000.00, like 500.00.")).toBeVisible();
  await expectAccessible(admin);
  // Saved as it was (other tests rely on $500.00): the save goes through and is audited.
  await field.fill("500.00");
  await admin.getByRole("button", { name: "Save the limit" }).click();
  await expect(admin.getByText("Saved. Refunds from now on follow the new limit.")).toBeVisible();
  await adminContext.close();
});
