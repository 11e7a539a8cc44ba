import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { DEMO, expect, expectAccessible, signInAsNewStaff, test, type TestDb } from "./support/fixtures";

/**
 * The staff account page (issue 15): the account's text-to-pay links, revoked by staff who may
 * (`sms.links`) and never by an auditor, and who cancelled a plan or turned off autopay.
 */

/** A text-to-pay link on a statement, made in the database: returns its token (only its SHA-256 is kept). */
const textLink = async (db: TestDb, statementId: string, { isExpired = false } = {}) => {
  const token = randomBytes(18).toString("base64url");
  await db.query(
    `INSERT INTO text_to_pay_link (id, "statementId", "tokenHash", phone, "expiresAt", "updatedAt")
     VALUES ($1, $2, $3, '2155550142', now() + ($4 || ' days')::interval, now())`,
    [
      `e2e_link_${randomUUID()}`,
      statementId,
      createHash("sha256").update(token).digest("hex"),
      isExpired ? "-1" : "30",
    ],
  );
  return token;
};

/** Opens a link as the patient would, in a browser of its own; returns where it landed. */
const openLink = async (browser: Browser, baseURL: string, token: string) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(`/t/${token}`);
  const url = new URL(page.url());
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  await context.close();
  return { path: `${url.pathname}${url.search}`, heading };
};

test("a billing clerk sees the account's text links, revokes one after confirming, and it stops opening at once; an auditor cannot", async ({
  page,
  browser,
  baseURL,
  db,
}) => {
  const first = await db.cloneStatement(DEMO.guest.statementNumber, "ST-LNK");
  const second = await db.cloneStatement(DEMO.guest.statementNumber, "ST-LNK", {
    accountId: first.accountId,
  });
  const token = await textLink(db, first.id);
  await textLink(db, second.id, { isExpired: true });
  // The patient opened the first one.
  expect((await openLink(browser, baseURL!, token)).path).toBe("/guest/pay");

  await signInAsNewStaff(page, db, { role: "BILLING_CLERK" });
  await page.goto(`/staff/accounts/${first.accountId}`);
  const links = page.getByRole("table", { name: "Text-to-pay links" });
  const firstRow = links.getByRole("row", { name: new RegExp(first.statementNumber) });
  const secondRow = links.getByRole("row", { name: new RegExp(second.statementNumber) });
  // After the statement (the row's header): made, expires, opened, status and the action.
  const openedCell = (row: typeof firstRow) => row.getByRole("cell").nth(2);
  const statusCell = (row: typeof firstRow) => row.getByRole("cell").nth(3);
  await expect(openedCell(firstRow)).not.toHaveText("Not yet");
  await expect(statusCell(firstRow)).toHaveText("Active");
  await expect(openedCell(secondRow)).toHaveText("Not yet");
  await expect(statusCell(secondRow)).toHaveText("Expired");
  // Only an active link can be revoked.
  await expect(secondRow.getByRole("button")).toHaveCount(0);
  await expectAccessible(page);

  // Dismissing the confirmation revokes nothing.
  const revoke = firstRow.getByRole("button", {
    name: `Revoke the link of statement ${first.statementNumber}`,
  });
  page.once("dialog", (dialog) => dialog.dismiss());
  await revoke.click();
  await expect(statusCell(firstRow)).toHaveText("Active");
  expect((await openLink(browser, baseURL!, token)).path).toBe("/guest/pay");

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await revoke.click();
  await expect(page.getByText("The text link is revoked: it no longer opens its statement.")).toBeVisible();
  expect(asked).toBe(
    `Revoke the text link of statement ${first.statementNumber}? It stops opening the statement at once.`,
  );
  await expect(statusCell(firstRow)).toHaveText(/^Revoked /);
  await expect(firstRow.getByRole("button")).toHaveCount(0);
  await expectAccessible(page);

  // The link opens nothing now.
  const landing = await openLink(browser, baseURL!, token);
  expect(landing.path).toBe("/guest/text-link?problem=revoked");
  expect(landing.heading).toBe("This link can't open your statement");
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_log WHERE action = 'text_to_pay.link_revoked' AND "targetId" = $1`,
    [first.id],
  );
  expect(rows[0]!.n).toBe("1");

  // An auditor reads the list, with no Revoke anywhere.
  const third = await db.cloneStatement(DEMO.guest.statementNumber, "ST-LNK", { accountId: first.accountId });
  await textLink(db, third.id);
  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  await signInAsNewStaff(auditor, db, { role: "AUDITOR" });
  await auditor.goto(`/staff/accounts/${first.accountId}`);
  const auditorLinks = auditor.getByRole("table", { name: "Text-to-pay links" });
  await expect(auditorLinks.getByRole("row", { name: new RegExp(third.statementNumber) })).toContainText(
    "Active",
  );
  await expect(auditorLinks.getByRole("button")).toHaveCount(0);
  await expectAccessible(auditor);
  await auditorContext.close();
});

test("staff pages say who cancelled a plan or turned off autopay: the patient, a family member, or staff by name and role", async ({
  page,
  db,
}) => {
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-CXL");
  const other = await db.cloneStatement(DEMO.guest.statementNumber, "ST-CXL", {
    accountId: statement.accountId,
  });
  const patient = await db.createPatient({
    email: `guarantor-${randomUUID().slice(0, 8)}@e2e.example.com`,
    password: "Cancel-Patient-1",
    firstName: "Taylor",
    lastName: "Lockwood",
  });
  await db.linkStatementAccount(patient.id, statement.id);
  const family = await db.createPatient({
    email: `family-${randomUUID().slice(0, 8)}@e2e.example.com`,
    password: "Cancel-Family-1",
    firstName: "Jordan",
    lastName: "Family",
  });
  await db.query(
    `INSERT INTO account_access (id, "accountId", "invitedByUserId", "inviteeEmail", scope, status, "expiresAt",
       "payerUserId", "acceptedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 'MANAGE', 'ACTIVE', now() + interval '7 days', $5, now(), now())`,
    [`e2e_access_${randomUUID()}`, statement.accountId, patient.id, family.email, family.id],
  );
  const clerk = await db.createStaff({ role: "BILLING_CLERK", firstName: "Riley", lastName: "Clerk" });
  const methodId = `e2e_pm_${randomUUID()}`;
  await db.query(
    `INSERT INTO payment_method (id, "userId", kind, "gatewayToken", brand, last4, "expMonth", "expYear", "updatedAt")
     VALUES ($1, $2, 'CARD', $1, 'visa', '4242', 12, 2035, now())`,
    [methodId, patient.id],
  );
  const cancelledPlan = async (statementId: string, byUserId: string) => {
    const planId = `e2e_plan_${randomUUID()}`;
    await db.query(
      `INSERT INTO payment_plan (id, "accountId", "userId", "paymentMethodId", status, "totalCents", "installmentCents",
         "installmentCount", frequency, "dayOfMonth", "startDate", "agreementText", "agreementVersion", "agreedAt",
         "cancelledAt", "cancelledByUserId", "updatedAt")
       VALUES ($1, $2, $3, $4, 'CANCELLED', 6000, 3000, 2, 'MONTHLY', 1, DATE '2026-12-01', 'e2e', 'e2e', now(),
         TIMESTAMPTZ '2026-12-03 15:00:00+00', $5, now())`,
      [planId, statement.accountId, patient.id, methodId, byUserId],
    );
    await db.query(
      `INSERT INTO payment_plan_statement ("planId", "statementId", "updatedAt") VALUES ($1, $2, now())`,
      [planId, statementId],
    );
    return planId;
  };
  const byClerk = await cancelledPlan(statement.id, clerk.id);
  await cancelledPlan(other.id, family.id);
  await db.query(
    `INSERT INTO autopay_enrollment (id, "accountId", "userId", "paymentMethodId", status, "limitCents", "consentText",
       "consentVersion", "consentedAt", "cancelledAt", "cancelledByUserId", "updatedAt")
     VALUES ($1, $2, $3, $4, 'CANCELLED', 100000, 'e2e', 'e2e', now(), now(), $3, now())`,
    [`e2e_enrol_${randomUUID()}`, statement.accountId, patient.id, methodId],
  );

  await signInAsNewStaff(page, db, { role: "BILLING_MANAGER" });
  await page.goto(`/staff/accounts/${statement.accountId}`);
  const cancelled = page.getByRole("list", { name: "Who cancelled the plans" });
  await expect(cancelled.getByRole("listitem").filter({ hasText: statement.statementNumber })).toHaveText(
    `Plan for statements ${statement.statementNumber}: cancelled Dec 3, 2026 by Riley Clerk (Billing clerk)`,
  );
  await expect(cancelled.getByRole("listitem").filter({ hasText: other.statementNumber })).toHaveText(
    `Plan for statements ${other.statementNumber}: cancelled Dec 3, 2026 by a family member, Jordan Family`,
  );
  await expect(page.getByText(/^Cancelled · since .* by the patient, Taylor Lockwood$/)).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/staff/plans/${byClerk}`);
  await expect(
    page.getByText("This plan was cancelled Dec 3, 2026 by Riley Clerk (Billing clerk)."),
  ).toBeVisible();
  await expectAccessible(page);
});
