import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  linkIn,
  signIn,
  submitLogin,
  test,
  uniqueEmail,
  waitForMail,
  type TestDb,
} from "./support/fixtures";
import { LOOKUP_NO_MATCH } from "./support/guest";

const PASSWORD = "Profile-Tester-1";
const WRONG_LOGIN = "That email and password don't match our records.";

/** A patient login of this test's own, so nothing here touches the demo patient. */
const newPatient = (db: TestDb, prefix: string) =>
  db.createPatient({ email: uniqueEmail(prefix), password: PASSWORD });

/** The form that holds a submit button named `button`. */
const formWith = (page: Page, button: string) =>
  page.locator("form").filter({ has: page.getByRole("button", { name: button }) });

/** Clicks a form's submit button and waits for the server action's answer. */
const submit = async (form: Locator, button: string) => {
  const page = form.page();
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await form.getByRole("button", { name: button }).click();
  await answered;
};

const openProfileSection = async (page: Page, section: string) => {
  await page
    .getByRole("navigation", { name: "Profile sections" })
    .getByRole("link", { name: section })
    .click();
  await expect(
    page.getByRole("navigation", { name: "Profile sections" }).getByRole("link", { name: section }),
  ).toHaveAttribute("aria-current", "page");
};

test.describe("profile", () => {
  test("edits name, phone and mailing address; a mistake keeps everything typed", async ({ page, db }) => {
    const user = await newPatient(db, "details");
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/bills$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profile" }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Your details" })).toBeVisible();
    await expect(page.getByLabel("First name")).toHaveValue("Casey");
    await expectAccessible(page);

    const form = formWith(page, "Save details");
    await form.getByLabel("First name").fill("Robin");
    await form.getByLabel("Last name").fill("Okafor");
    await form.getByLabel("Phone (optional)").fill("555-0101");
    await form.getByLabel("Street address").fill("77 Pine Street");
    await form.getByLabel("Apartment, suite, etc. (optional)").fill("Unit 2");
    await form.getByLabel("City").fill("Philadelphia");
    await form.getByLabel("State").selectOption("PA");
    await form.getByLabel("ZIP code").fill("1910");
    await submit(form, "Save details");

    await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
    await expect(form.getByLabel("Phone (optional)")).toHaveAttribute("aria-invalid", "true");
    await expect(
      form.getByText("Enter a 10-digit US phone number, for example (215) 555-0101."),
    ).toBeVisible();
    await expect(form.getByText("Enter a 5-digit ZIP code (or ZIP+4), for example 19103.")).toBeVisible();
    // Nothing typed is lost, and nothing was saved.
    await expect(form.getByLabel("First name")).toHaveValue("Robin");
    await expect(form.getByLabel("Last name")).toHaveValue("Okafor");
    await expect(form.getByLabel("Phone (optional)")).toHaveValue("555-0101");
    await expect(form.getByLabel("Street address")).toHaveValue("77 Pine Street");
    await expect(form.getByLabel("Apartment, suite, etc. (optional)")).toHaveValue("Unit 2");
    await expect(form.getByLabel("City")).toHaveValue("Philadelphia");
    await expect(form.getByLabel("State")).toHaveValue("PA");
    await expect(form.getByLabel("ZIP code")).toHaveValue("1910");
    await expect(page.getByRole("banner")).toContainText("Casey Tester");
    await expectAccessible(page);

    await form.getByLabel("Phone (optional)").fill("215.555.0177");
    await form.getByLabel("ZIP code").fill("19106");
    await submit(form, "Save details");
    await expect(form.getByRole("status")).toHaveText("Your details are saved.");
    await expect(form.getByRole("alert")).toHaveCount(0);
    await expect(page.getByRole("banner")).toContainText("Robin Okafor");
    await expectAccessible(page);

    await page.reload();
    await expect(form.getByLabel("First name")).toHaveValue("Robin");
    await expect(form.getByLabel("Phone (optional)")).toHaveValue("(215) 555-0177");
    await expect(form.getByLabel("Street address")).toHaveValue("77 Pine Street");
    await expect(form.getByLabel("State")).toHaveValue("PA");
    await expect(form.getByLabel("ZIP code")).toHaveValue("19106");
    const { rows } = await db.query<{ lastName: string; phone: string; zip: string }>(
      `SELECT "lastName", phone, zip FROM "user" WHERE id = $1`,
      [user.id],
    );
    expect(rows[0]).toEqual({ lastName: "Okafor", phone: "2155550177", zip: "19106" });
  });

  test("changes the login email only when the link sent to the new address is confirmed", async ({
    page,
    db,
  }) => {
    const user = await newPatient(db, "email-old");
    const newEmail = uniqueEmail("email-new");
    await signIn(page, user.email, user.password);
    await page.goto("/profile");
    await openProfileSection(page, "Email address");
    await expect(page.getByRole("heading", { level: 2, name: "Email address" })).toBeVisible();
    await expect(page.getByText(`You sign in with ${user.email}`)).toBeVisible();
    await expectAccessible(page);

    const form = formWith(page, "Send confirmation link");
    await form.getByLabel("New email address").fill(newEmail);
    await form.getByLabel("Current password").fill("Not-My-Password-1");
    await submit(form, "Send confirmation link");
    await expect(form.getByRole("alert")).toHaveText("That is not your current password.");
    await expect(form.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("New email address")).toHaveValue(newEmail);
    await expectAccessible(page);

    await form.getByLabel("Current password").fill(user.password);
    await submit(form, "Send confirmation link");
    await expect(form.getByRole("status")).toContainText(`We sent a link to ${newEmail}.`);
    await expect(form.getByLabel("Current password")).toHaveValue("");
    const pending = page.getByRole("region", { name: "Waiting for confirmation" });
    await expect(pending).toContainText(`You asked to change it to ${newEmail}`);
    await expect(page.getByText(`You sign in with ${user.email}`)).toBeVisible();
    await expectAccessible(page);

    const notice = await waitForMail(user.email, "a change of your login email was requested");
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toContain("token=");
    const mail = await waitForMail(newEmail, "confirm your new email address");

    // Opening the link changes nothing by itself.
    await page.goto(linkIn(mail, "/confirm-email?token="));
    await expect(
      page.getByRole("heading", { level: 1, name: "Confirm your new email address" }),
    ).toBeVisible();
    await expectAccessible(page);
    const emailInDb = async () =>
      (await db.query<{ email: string }>(`SELECT email FROM "user" WHERE id = $1`, [user.id])).rows[0]!.email;
    expect(await emailInDb()).toBe(user.email);

    await page.getByRole("button", { name: "Confirm my new email address" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(
      `The email of your login is now ${newEmail}.`,
    );
    await expectAccessible(page);
    expect(await emailInDb()).toBe(newEmail);
    const changed = await waitForMail(user.email, "your login email was changed");
    expect(changed.text).toContain(newEmail);

    await page.getByRole("link", { name: "Go to your profile" }).click();
    await expect(page.getByText(`You sign in with ${newEmail}`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Waiting for confirmation" })).toHaveCount(0);
    await expectAccessible(page);

    // The link is spent.
    await page.goto(linkIn(mail, "/confirm-email?token="));
    await page.getByRole("button", { name: "Confirm my new email address" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "This link is invalid, has expired or was already used. Ask for a new one on your profile.",
    );
    await expectAccessible(page);

    // From now on the login is the new address.
    await page.goto("/profile");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?reason=signedout$/);
    await submitLogin(page, user.email, user.password);
    await expect(page.locator("form").getByRole("alert")).toHaveText(WRONG_LOGIN);
    await signIn(page, newEmail, user.password);
    await expect(page).toHaveURL(/\/bills$/);
  });

  test("changing the password signs out the other session and keeps this one", async ({
    page,
    db,
    browser,
    baseURL,
  }) => {
    const user = await newPatient(db, "password");
    const newPassword = "Fresh-Password-22";
    const otherContext = await browser.newContext({
      baseURL,
      extraHTTPHeaders: {
        "X-Forwarded-For": `10.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`,
      },
    });
    try {
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, user.email, user.password);
      await expect(otherPage).toHaveURL(/\/bills$/);

      await signIn(page, user.email, user.password);
      await page.goto("/profile");
      await openProfileSection(page, "Password");
      await expect(page.getByRole("heading", { level: 2, name: "Change your password" })).toBeVisible();
      await expectAccessible(page);

      const form = formWith(page, "Change password");
      await form.getByLabel("Current password").fill("Not-My-Password-1");
      await form.getByLabel("New password", { exact: true }).fill("short");
      await form.getByLabel("Confirm new password").fill("short");
      await submit(form, "Change password");
      await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
      // The rules show as the hint and, once more, as the field's error.
      await expect(form.getByText("At least 10 characters, with a letter and a number.")).toHaveCount(2);
      await expect(form.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(page);

      await form.getByLabel("New password", { exact: true }).fill(newPassword);
      await form.getByLabel("Confirm new password").fill(newPassword);
      await submit(form, "Change password");
      await expect(form.getByRole("alert")).toHaveText("That is not your current password.");
      await expect(form.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

      await form.getByLabel("Current password").fill(user.password);
      await submit(form, "Change password");
      await expect(form.getByRole("status")).toHaveText(
        "Your password is changed. You are still signed in here; every other browser and device signed in to your login was signed out. We emailed you a note of the change.",
      );
      await expect(form.getByLabel("Current password")).toHaveValue("");
      await expectAccessible(page);

      // This browser is still signed in, on this page and the next.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bills" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your bills" })).toBeVisible();
      await page.reload();
      await expect(page).toHaveURL(/\/bills$/);
      await expect(page.getByRole("heading", { level: 1, name: "Your bills" })).toBeVisible();
      await expectAccessible(page);

      // The other one is sent to sign in.
      await otherPage.goto("/profile");
      await expect(otherPage).toHaveURL(/\/login/);
      await expect(otherPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expectAccessible(otherPage);

      const mail = await waitForMail(user.email, "your password was changed");
      expect(mail.text).not.toContain(newPassword);

      await submitLogin(otherPage, user.email, user.password);
      await expect(otherPage.locator("form").getByRole("alert")).toHaveText(WRONG_LOGIN);
      await signIn(otherPage, user.email, newPassword);
      await expect(otherPage).toHaveURL(/\/bills$/);
    } finally {
      await otherContext.close();
    }
  });

  test("saves communication preferences; texts need a mobile number", async ({ page, db }) => {
    const user = await newPatient(db, "prefs");
    await signIn(page, user.email, user.password);
    await page.goto("/profile");
    await openProfileSection(page, "Communication preferences");
    await expect(page.getByRole("heading", { level: 2, name: "Communication preferences" })).toBeVisible();
    await expect(page.getByLabel("Paperless statements")).not.toBeChecked();
    await expect(page.getByLabel("Email receipts")).toBeChecked();
    await expect(page.getByLabel("Payment reminders")).toBeChecked();
    await expect(page.getByLabel("Text me about my bills")).not.toBeChecked();
    await expectAccessible(page);

    const form = formWith(page, "Save preferences");
    await form.getByLabel("Paperless statements").check();
    await form.getByLabel("Email receipts").uncheck();
    await form.getByLabel("Text me about my bills").check();
    await submit(form, "Save preferences");
    await expect(form.getByText("Enter the mobile number to text, or turn text messages off.")).toBeVisible();
    await expect(form.getByLabel("Mobile number for texts")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Paperless statements")).toBeChecked();
    await expect(form.getByLabel("Email receipts")).not.toBeChecked();
    await expect(form.getByLabel("Text me about my bills")).toBeChecked();
    await expectAccessible(page);

    await form.getByLabel("Mobile number for texts").fill("267 555 0188");
    await submit(form, "Save preferences");
    await expect(form.getByRole("status")).toHaveText("Your preferences are saved.");
    await expectAccessible(page);

    await page.reload();
    await expect(form.getByLabel("Paperless statements")).toBeChecked();
    await expect(form.getByLabel("Email receipts")).not.toBeChecked();
    await expect(form.getByLabel("Payment reminders")).toBeChecked();
    await expect(form.getByLabel("Text me about my bills")).toBeChecked();
    await expect(form.getByLabel("Mobile number for texts")).toHaveValue("(267) 555-0188");
    const { rows } = await db.query(
      `SELECT "paperlessStatements", "emailReceipts", "paymentReminders", "smsOptIn", "smsPhone" FROM "user" WHERE id = $1`,
      [user.id],
    );
    expect(rows[0]).toEqual({
      paperlessStatements: true,
      emailReceipts: false,
      paymentReminders: true,
      smsOptIn: true,
      smsPhone: "2675550188",
    });
  });

  test("lists, links and unlinks accounts; an unlinked account's bills are gone at once", async ({
    page,
    db,
  }) => {
    const user = await newPatient(db, "accounts");
    const first = await db.cloneStatement("ST-1001");
    const second = await db.cloneStatement("ST-2001");
    // A date of birth of the second clone's own, so that staff searching by the demo patients'
    // dates of birth (e2e/staff.spec.ts) do not find it.
    const secondDob = `19${randomInt(40, 70)}-0${randomInt(1, 10)}-${randomInt(10, 29)}`;
    await db.query(`UPDATE statement SET "patientDob" = $2 WHERE id = $1`, [second.id, secondDob]);
    await db.query(
      `UPDATE account SET "guarantorDob" = $2 WHERE id = (SELECT "accountId" FROM statement WHERE id = $1)`,
      [second.id, secondDob],
    );
    await db.linkStatementAccount(user.id, first.id);
    const accountNumberOf = async (statementId: string) =>
      (
        await db.query<{ accountNumber: string }>(
          `SELECT a."accountNumber" FROM account a JOIN statement s ON s."accountId" = a.id WHERE s.id = $1`,
          [statementId],
        )
      ).rows[0]!.accountNumber;
    const firstAccount = await accountNumberOf(first.id);
    const secondAccount = await accountNumberOf(second.id);

    await signIn(page, user.email, user.password);
    await page.goto("/profile");
    await openProfileSection(page, "Linked accounts");
    const list = page.getByRole("list", { name: "Your linked accounts" });
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list.getByRole("listitem")).toContainText(`Account ${firstAccount}`);
    await expect(list.getByRole("listitem")).toContainText(
      "Guarantor Taylor Lockwood · Riverside Family Medicine",
    );
    await expectAccessible(page);

    // Link the second account: a wrong date of birth first, then the right one.
    const form = formWith(page, "Link account");
    await form.getByLabel("Statement number").fill(second.statementNumber);
    await form.getByLabel("Patient's date of birth").fill("1980-01-01"); // not the patient's
    await submit(form, "Link account");
    await expect(form.getByRole("alert")).toHaveText(LOOKUP_NO_MATCH);
    await expect(form.getByLabel("Statement number")).toHaveValue(second.statementNumber);
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expectAccessible(page);
    await form.getByLabel("Patient's date of birth").fill(secondDob);
    await submit(form, "Link account");
    await expect(form.getByRole("status")).toHaveText(
      `Account ${secondAccount} is linked. Its statements now appear under Bills.`,
    );
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expectAccessible(page);

    await page.goto("/bills");
    await expect(page.getByRole("link", { name: `Statement ${first.statementNumber}` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Statement ${second.statementNumber}` })).toBeVisible();

    // Unlink the first: a confirmation page says what it means; "Keep it linked" changes nothing.
    await page.goto("/profile/accounts");
    await page.getByRole("link", { name: `Unlink account ${firstAccount}` }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: `Unlink account ${firstAccount}?` }),
    ).toBeVisible();
    await expect(page.getByText("its statements, payment history and receipts disappear")).toBeVisible();
    await expect(page.getByText("This is the only account linked to your login.")).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Keep it linked" }).click();
    await expect(list.getByRole("listitem")).toHaveCount(2);

    await page.getByRole("link", { name: `Unlink account ${firstAccount}` }).click();
    await page.getByRole("button", { name: `Unlink account ${firstAccount}` }).click();
    await expect(page).toHaveURL(/\/profile\/accounts\?unlinked=1$/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "The account is unlinked. Its statements, payments and receipts no longer appear in your portal.",
    );
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list.getByRole("listitem")).toContainText(`Account ${secondAccount}`);
    await expectAccessible(page);

    // Its statement is out of reach at once.
    const gone = await page.goto(`/bills/${first.id}`);
    expect(gone?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await page.goto("/bills");
    await expect(page.getByRole("link", { name: `Statement ${first.statementNumber}` })).toHaveCount(0);
    await expect(page.getByRole("link", { name: `Statement ${second.statementNumber}` })).toBeVisible();

    // The last account may go too, after saying what that means.
    await page.goto("/profile/accounts");
    await page.getByRole("link", { name: `Unlink account ${secondAccount}` }).click();
    await expect(page.getByText("This is the only account linked to your login.")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: `Unlink account ${secondAccount}` }).click();
    await expect(page).toHaveURL(/\/profile\/accounts\?unlinked=1$/);
    await expect(page.getByText("No accounts are linked to your login")).toBeVisible();
    await expectAccessible(page);

    // Someone else's link is not found, and shows nothing of it.
    const { rows } = await db.query<{ id: string }>(
      `SELECT l.id FROM account_link l JOIN "user" u ON u.id = l."userId" WHERE u.email = $1`,
      [DEMO.patient.email],
    );
    const foreign = await page.goto(`/profile/accounts/${rows[0]!.id}/unlink`);
    expect(foreign?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(DEMO.guest.accountNumber);
    await expectAccessible(page);
  });
});

test.describe("profile on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("every profile page fits a phone screen", async ({ page, db }) => {
    const user = await newPatient(db, "phone");
    await signIn(page, user.email, user.password);
    for (const path of [
      "/profile",
      "/profile/email",
      "/profile/password",
      "/profile/preferences",
      "/profile/accounts",
      "/profile/sharing",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, `page width on ${path}`).toBeLessThanOrEqual(360);
      await expectAccessible(page);
    }
  });
});
