import { cardFrame, fillCard } from "./support/cards";
import {
  DEMO,
  expect,
  expectAccessible,
  linkIn,
  signIn,
  signInAsNewStaff,
  test,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";
import { TEST_CARDS } from "./support/test-numbers";

/**
 * Family members and authorized payers (docs/product.md): a guarantor invites someone by email,
 * the invitee accepts from the link in the SMTP sink, sees the account labelled beside their
 * own, pays it with their own card, staff see who has access and who paid (the audit log), and
 * when the guarantor removes the access the account is gone from the payer's next request.
 */
test("a guarantor invites a family member who accepts, pays with their own card, and loses the account at once when removed", async ({
  page,
  browser,
  db,
}) => {
  const guarantor = await db.createPatient({
    email: uniqueEmail("guarantor"),
    password: "Family-Guarantor-1",
  });
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-FAM");
  await db.linkStatementAccount(guarantor.id, statement.id);
  const payerEmail = uniqueEmail("family");
  const payer = await db.createPatient({
    email: payerEmail,
    password: "Family-Payer-1",
    firstName: "Jordan",
    lastName: "Family",
  });

  // The guarantor invites them to view and pay.
  await signIn(page, guarantor.email, guarantor.password);
  await page.goto("/profile/sharing");
  await expect(page.getByRole("heading", { name: "Who can see your accounts" })).toBeVisible();
  await expect(page.getByText("Only you.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Their email address").fill(payerEmail);
  await page.getByRole("radio", { name: "View and pay" }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`We emailed an invitation to ${payerEmail}`)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/invited .*, not accepted yet/)).toBeVisible();

  // The invitee opens the emailed link: signed out, it says who invited them and asks them to sign in.
  const mail = await waitForMail(payerEmail, "invited you");
  expect(mail.text).toContain("you can view and pay the bills of Taylor Lockwood's account");
  const link = linkIn(mail, "/account-invitation");
  const payerContext = await browser.newContext();
  const payerPage = await payerContext.newPage();
  await payerPage.goto(link);
  await expect(
    payerPage.getByText("Casey Tester invited you to view and pay the bills of Taylor Lockwood's account"),
  ).toBeVisible();
  await expect(payerPage.getByRole("link", { name: "Sign in to accept" })).toHaveAttribute(
    "href",
    /^\/login\?callbackUrl=%2Faccount-invitation%3Ftoken%3D/,
  );
  await expectAccessible(payerPage);
  await signIn(payerPage, payer.email, payer.password);
  await payerPage.goto(link);
  await payerPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(payerPage.getByText("You can now view and pay Taylor Lockwood's account")).toBeVisible();
  await expectAccessible(payerPage);

  // Their bills show the account, labelled, and they pay it with their own card.
  await payerPage.goto("/bills");
  const shared = payerPage.getByRole("heading", { name: "Taylor Lockwood's account — you can view and pay" });
  await expect(shared).toBeVisible();
  await expect(payerPage.getByText(statement.statementNumber)).toBeVisible();
  await expectAccessible(payerPage);
  await payerPage.getByRole("link", { name: "Pay Taylor Lockwood's bills" }).click();
  await expect(payerPage).toHaveURL(/\/pay\?statement=/);
  // Nothing of the guarantor's wallet is offered: the payer's card goes in the hosted fields.
  await expect(payerPage.locator('iframe[title^="Card details"]')).toBeVisible();
  await payerPage.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("125.40");
  await fillCard(cardFrame(payerPage), TEST_CARDS.visa);
  await expectAccessible(payerPage);
  await payerPage.getByRole("button", { name: "Review payment" }).click();
  await payerPage.getByRole("button", { name: "Pay $125.40" }).click();
  await expect(payerPage).toHaveURL(/\/receipts\/[^/]+$/);
  await expect(payerPage.getByText("Approved").first()).toBeVisible();
  const receiptPath = new URL(payerPage.url()).pathname;
  const paymentId = receiptPath.split("/").pop()!;

  // Staff see who has access to the account, and the audit log names the payer as who paid.
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signInAsNewStaff(staffPage, db, { role: "ADMIN" });
  await staffPage.goto(`/staff/accounts/${statement.accountId}`);
  const accessList = staffPage.getByRole("list", { name: "Who else has access" });
  await expect(accessList).toContainText(`Jordan Family (${payerEmail})`);
  await expect(accessList).toContainText("View and pay");
  await expect(accessList.getByRole("button", { name: `Remove access of ${payerEmail}` })).toBeVisible();
  await expectAccessible(staffPage);
  await staffPage.goto(`/staff/payments/${paymentId}`);
  await expect(staffPage.getByText(`Jordan Family (${payerEmail})`)).toBeVisible();
  await staffPage.goto(`/staff/audit?record=${paymentId}`);
  await expect(staffPage.getByRole("row").filter({ hasText: "payment.submitted" })).toContainText(payerEmail);
  await staffContext.close();

  // The guarantor sees the payment, and removes the access.
  await page.goto("/payments");
  await expect(page.getByText("$125.40").first()).toBeVisible();
  await page.goto("/profile/sharing");
  await expect(page.getByText(`Jordan Family (${payerEmail})`)).toBeVisible();
  await page.getByRole("button", { name: `Remove access of ${payerEmail}` }).click();
  await expect(page.getByText("That person can no longer see the account")).toBeVisible();
  await expect(page.getByText("Only you.")).toBeVisible();
  await expectAccessible(page);

  // From the payer's next request on, the account, its statement and the receipt are gone.
  await payerPage.goto("/bills");
  await expect(payerPage.getByRole("heading", { name: "Your bills" })).toBeVisible();
  await expect(payerPage.getByText(statement.statementNumber)).toHaveCount(0);
  expect((await payerPage.goto(`/bills/${statement.id}`))?.status()).toBe(404);
  expect((await payerPage.request.get(receiptPath)).status()).toBe(404);
  expect((await payerPage.request.get(`${receiptPath}/pdf`)).status()).toBe(404);
  // The link was spent when it was accepted.
  await payerPage.goto(link);
  await expect(
    payerPage.getByText("This invitation link has expired, was already used or was withdrawn"),
  ).toBeVisible();
  await payerContext.close();
});
