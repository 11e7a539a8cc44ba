import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { cardFrame, fillCard } from "./support/cards";
import {
  DEMO,
  expect,
  expectAccessible,
  linkIn,
  signIn,
  signInAsNewStaff,
  submitLogin,
  test,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";
import { TEST_CARDS } from "./support/test-numbers";

/** The guarantor, signed in on `page`, invites `email` to their account with the scope named `scopeLabel`. */
const invite = async (page: Page, email: string, scopeLabel: string) => {
  await page.goto("/profile/sharing");
  await expect(page.getByRole("heading", { name: "Who can see your accounts" })).toBeVisible();
  await page.getByLabel("Their email address").fill(email);
  await page.getByRole("radio", { name: scopeLabel }).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`We emailed an invitation to ${email}`)).toBeVisible();
  return linkIn(await waitForMail(email, "invited you"), "/account-invitation");
};

/** A page of its own (its own cookies) for another person. */
const pageOfItsOwn = async (browser: Browser) => (await browser.newContext()).newPage();

/**
 * Family access with the MANAGE scope, and the invitation through sign-up (docs/product.md,
 * "Family members and authorized payers").
 */
test.describe("family members who manage, and invitees without a login", () => {
  test("a member invited to view, pay and manage sets up a payment plan on the shared account with their own card; the guarantor sees it and cancels it, a payer does not", async ({
    page,
    browser,
    db,
  }) => {
    const guarantor = await db.createPatient({
      email: uniqueEmail("fm-guarantor"),
      password: "Family-Manage-1",
    });
    const statement = await db.cloneStatement("ST-1002", "ST-FMG");
    await db.linkStatementAccount(guarantor.id, statement.id);
    const member = await db.createPatient({
      email: uniqueEmail("fm-member"),
      password: "Family-Member-1",
      firstName: "Robin",
      lastName: "Manager",
    });

    await signIn(page, guarantor.email, guarantor.password);
    const link = await invite(page, member.email, "View, pay and manage plans and autopay");

    const memberPage = await pageOfItsOwn(browser);
    await signIn(memberPage, member.email, member.password);
    await memberPage.goto(link);
    await expect(
      memberPage.getByText(/invited you to view, pay and manage the bills of Taylor Lockwood's account/),
    ).toBeVisible();
    await expectAccessible(memberPage);
    await memberPage.getByRole("button", { name: "Accept invitation" }).click();
    await expect(
      memberPage.getByText("You can now view, pay and manage Taylor Lockwood's account"),
    ).toBeVisible();
    await expectAccessible(memberPage);

    // The plan form offers the shared account's statement, and no saved method: the member's own
    // card goes in the hosted fields (the guarantor's wallet is not theirs).
    await memberPage.goto("/plans/new");
    const box = memberPage.getByRole("checkbox", { name: new RegExp(statement.statementNumber) });
    await box.check();
    await expect(memberPage.getByRole("group", { name: "New card or bank account" })).toBeVisible();
    await memberPage.getByLabel("Down payment today (optional)").fill("90.00");
    await memberPage.getByRole("textbox", { name: "Number of payments" }).fill("4");
    await memberPage.getByLabel("Name on card").fill("Robin Manager");
    await fillCard(cardFrame(memberPage), TEST_CARDS.visa);
    await expect(memberPage.getByText("Loading the secure payment form…")).toHaveCount(0);
    await expectAccessible(memberPage);
    await memberPage
      .getByRole("checkbox", { name: "I have read and accept this payment plan agreement" })
      .check();
    await memberPage.getByRole("button", { name: "Agree and set up the plan" }).click();
    await expect(memberPage).toHaveURL(/\/plans\/[^/]+\?created=1$/);
    await expect(memberPage.getByText("Your payment plan is set up.")).toBeVisible();
    await expect(memberPage.getByTestId("plan-remaining")).toHaveText("$800.00");
    await expectAccessible(memberPage);

    // The plan and its card are the member's, on the guarantor's account.
    const plans = await db.query<{ userId: string; accountId: string; methodOwner: string }>(
      `SELECT p."userId", p."accountId", m."userId" AS "methodOwner"
         FROM payment_plan p JOIN payment_method m ON m.id = p."paymentMethodId"
        WHERE p."accountId" = $1`,
      [statement.accountId],
    );
    expect(plans.rows).toEqual([
      { userId: member.id, accountId: statement.accountId, methodOwner: member.id },
    ]);
    const planUrl = new URL(memberPage.url()).pathname;
    await memberPage.context().close();

    // A payer with View and pay on the same account does not see the member's plan.
    const payer = await db.createPatient({ email: uniqueEmail("fm-payer"), password: "Family-Payer-1" });
    await db.query(
      `INSERT INTO account_access (id, "accountId", "invitedByUserId", "inviteeEmail", scope, status, "expiresAt",
                                   "payerUserId", "acceptedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'PAY', 'ACTIVE', now(), $5, now(), now())`,
      [`e2e_${randomUUID()}`, statement.accountId, guarantor.id, payer.email, payer.id],
    );
    const payerPage = await pageOfItsOwn(browser);
    await signIn(payerPage, payer.email, payer.password);
    await payerPage.goto("/plans");
    await expect(payerPage.getByRole("link", { name: statement.statementNumber })).toHaveCount(0);
    const refused = await payerPage.goto(planUrl);
    expect(refused?.status()).toBe(404);
    await payerPage.context().close();

    // The guarantor sees it, set up by the member, the card only as a family member's, and cancels it.
    await page.goto("/plans");
    const row = page.getByRole("row").filter({ hasText: statement.statementNumber });
    await expect(row).toContainText("Set up by Robin Manager");
    await expectAccessible(page);
    await row.getByRole("link", { name: statement.statementNumber }).click();
    await expect(page).toHaveURL(new RegExp(`${planUrl}$`));
    await expect(page.getByTestId("plan-set-up-by")).toHaveText("Robin Manager");
    await expect(page.getByText("A family member's card")).toBeVisible();
    await expect(page.getByText("4242")).toHaveCount(0);
    await expect(page.getByText("The agreement you accepted")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Change method" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Pay/ })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole("checkbox", { name: "Yes, cancel this payment plan" }).check();
    await page.getByRole("button", { name: "Cancel plan" }).click();
    await expect(page.getByTestId("plan-status")).toHaveText("Cancelled");
    await expectAccessible(page);
    const cancelled = await db.query<{ status: string; cancelledByUserId: string }>(
      `SELECT status, "cancelledByUserId" FROM payment_plan WHERE "accountId" = $1`,
      [statement.accountId],
    );
    expect(cancelled.rows).toEqual([{ status: "CANCELLED", cancelledByUserId: guarantor.id }]);
    const { rows: account } = await db.query<{ accountNumber: string }>(
      `SELECT "accountNumber" FROM account WHERE id = $1`,
      [statement.accountId],
    );
    const told = await waitForMail(member.email, "cancelled the payment plan");
    expect(told.subject).toBe(
      `Casey Tester cancelled the payment plan you set up on account ${account[0]!.accountNumber}`,
    );

    // Staff see the member's scope on the account's access list.
    const staffPage = await pageOfItsOwn(browser);
    await signInAsNewStaff(staffPage, db, { role: "ADMIN" });
    await staffPage.goto(`/staff/accounts/${statement.accountId}`);
    const accessList = staffPage.getByRole("list", { name: "Who else has access" });
    await expect(accessList).toContainText(`Robin Manager (${member.email})`);
    await expect(accessList).toContainText("View, pay and manage plans and autopay");
    await expectAccessible(staffPage);
    await staffPage.context().close();
  });

  test("the guarantor sees autopay a MANAGE member set up with their own bank account, only as a family member's, and turns it off; the member is emailed", async ({
    page,
    db,
  }) => {
    const guarantor = await db.createPatient({
      email: uniqueEmail("fa-guarantor"),
      password: "Family-Auto-1",
    });
    const statement = await db.cloneStatement("ST-1002", "ST-FAG");
    await db.linkStatementAccount(guarantor.id, statement.id);
    const member = await db.createPatient({
      email: uniqueEmail("fa-member"),
      password: "Family-Auto-2",
      firstName: "Sky",
      lastName: "Member",
    });
    await db.query(
      `INSERT INTO account_access (id, "accountId", "invitedByUserId", "inviteeEmail", scope, status, "expiresAt",
                                   "payerUserId", "acceptedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'MANAGE', 'ACTIVE', now(), $5, now(), now())`,
      [`e2e_${randomUUID()}`, statement.accountId, guarantor.id, member.email, member.id],
    );
    // The member's autopay with their own bank account (setting it up is the autopay spec's test).
    const methodId = `e2e_pm_${randomUUID().slice(0, 8)}`;
    await db.query(
      `INSERT INTO payment_method (id, "userId", kind, "gatewayToken", "bankName", last4, "updatedAt")
       VALUES ($1, $2, 'ACH', $3, 'First Sandbox Bank', '6789', now())`,
      [methodId, member.id, `pm_e2e_${randomUUID()}`],
    );
    await db.query(
      `INSERT INTO autopay_enrollment (id, "accountId", "userId", "paymentMethodId", "limitCents", "consentText",
                                       "consentVersion", "consentedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 30000, 'e2e consent', 'e2e', now(), now())`,
      [`e2e_${randomUUID()}`, statement.accountId, member.id, methodId],
    );
    const { rows } = await db.query<{ accountNumber: string }>(
      `SELECT "accountNumber" FROM account WHERE id = $1`,
      [statement.accountId],
    );
    const accountNumber = rows[0]!.accountNumber;

    await signIn(page, guarantor.email, guarantor.password);
    await page.goto("/autopay");
    const account = page.getByRole("region", { name: `Account ${accountNumber}` });
    await expect(account.getByText("Autopay on", { exact: true })).toBeVisible();
    await expect(account.getByText("A family member's bank account")).toBeVisible();
    await expect(account.getByTestId("autopay-set-up-by")).toHaveText(
      "Sky Member set up autopay on your account with their own payment method. You can turn it off; Sky Member will be told by email.",
    );
    await expect(account.getByText(/6789|First Sandbox Bank/)).toHaveCount(0);
    await expectAccessible(page);
    await account.getByRole("button", { name: "Turn off autopay" }).click();
    await expect(account.getByText("Autopay off", { exact: true })).toBeVisible();
    const ended = await db.query<{ status: string; cancelledByUserId: string }>(
      `SELECT status, "cancelledByUserId" FROM autopay_enrollment WHERE "accountId" = $1`,
      [statement.accountId],
    );
    expect(ended.rows).toEqual([{ status: "CANCELLED", cancelledByUserId: guarantor.id }]);
    const told = await waitForMail(member.email, "turned off autopay");
    expect(told.subject).toBe(`Casey Tester turned off autopay you set up on account ${accountNumber}`);
    await expectAccessible(page);
  });

  test("someone invited without a login signs up from the invitation and ends on it, accepted", async ({
    page,
    browser,
    db,
  }) => {
    const guarantor = await db.createPatient({
      email: uniqueEmail("fs-guarantor"),
      password: "Family-Signup-1",
    });
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-FSU");
    await db.linkStatementAccount(guarantor.id, statement.id);
    const email = uniqueEmail("fs-invitee");
    const password = "Invited-Newcomer-1";

    await signIn(page, guarantor.email, guarantor.password);
    const link = await invite(page, email, "View only");

    const invitee = await pageOfItsOwn(browser);
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { level: 1, name: "Invitation to an account" })).toBeVisible();
    await expectAccessible(invitee);
    await invitee.getByRole("link", { name: "Create one with that address" }).click();
    await expect(invitee).toHaveURL(/\/signup\?callbackUrl=%2Faccount-invitation%3Ftoken%3D/);
    await expect(invitee.getByRole("heading", { level: 1, name: "Create a login" })).toBeVisible();
    await expectAccessible(invitee);
    await invitee.getByLabel("First name").fill("Sam");
    await invitee.getByLabel("Last name").fill("Newcomer");
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByLabel("Password", { exact: true }).fill(password);
    await invitee.getByLabel("Confirm password").fill(password);
    await invitee.getByRole("button", { name: "Create login" }).click();
    await expect(invitee.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(invitee.getByText("you come back to your invitation")).toBeVisible();
    await expectAccessible(invitee);

    // The confirmation link carries the invitation; confirming leads to sign-in, then back to it.
    const confirm = linkIn(await waitForMail(email, "confirm your email address"), "/verify-email?token=");
    await invitee.goto(confirm);
    await expect(
      invitee.getByRole("heading", { level: 1, name: "Confirm your email address" }),
    ).toBeVisible();
    await expectAccessible(invitee);
    await invitee.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(invitee.getByText("Sign in to go back to your invitation.")).toBeVisible();
    await expectAccessible(invitee);
    await invitee.getByRole("link", { name: "Sign in" }).last().click();
    await expect(invitee).toHaveURL(/\/login\?reason=verified&callbackUrl=%2Faccount-invitation%3Ftoken%3D/);
    await expectAccessible(invitee);
    await submitLogin(invitee, email, password);
    const invitation = new URL(link);
    await expect(invitee).toHaveURL(
      (url) => url.pathname + url.search === invitation.pathname + invitation.search,
    );
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee.getByText("You can now view Taylor Lockwood's account")).toBeVisible();
    await expectAccessible(invitee);
    await invitee.goto("/bills");
    await expect(invitee.getByText(statement.statementNumber)).toBeVisible();
    await expectAccessible(invitee);
    await invitee.context().close();
  });
});
