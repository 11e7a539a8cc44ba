import {
  expect,
  expectAccessible,
  linkIn,
  nextTotpCode,
  signIn,
  signInAsNewStaff,
  submitLogin,
  test,
  totpSecretOf,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";

const PASSWORD = "Invited-Staff-4";

test("an administrator invites a clerk, who sets a password, enrols an authenticator app and signs in again with a code; disabling ends their session", async ({
  page,
  browser,
  db,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("invitee");
  await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.goto("/staff/users");
  await expect(page.getByRole("heading", { level: 1, name: "Staff users" })).toBeVisible();
  const table = page.getByTestId("staff-users");
  await expect(table.getByRole("row", { name: /Casey Clerk/ })).toContainText("Billing clerk");
  await expectAccessible(page);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("BILLING_CLERK");
  await page.getByLabel("First name").fill("Ivy");
  await page.getByLabel("Last name").fill("Invitee");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  const row = table.getByRole("row", { name: /Ivy Invitee/ });
  await expect(row).toContainText("Invited (no password yet)");
  await expect(row).toContainText("Never");
  await expectAccessible(page);

  // The invitee, in a browser of their own, follows the emailed link.
  const mail = await waitForMail(email, "your invitation to the billing console");
  const link = linkIn(mail, "/invitation");
  // Their browser asks for Spanish: the staff invitation is in English all through, the password
  // fields it shares with the patients' pages too.
  const inviteeContext = await browser.newContext({ locale: "es-US" });
  const invitee = await inviteeContext.newPage();
  await invitee.goto(new URL(link).pathname + new URL(link).search);
  await expect(invitee.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await invitee.getByLabel("Confirm password").fill(PASSWORD);
  await expect(invitee.getByText("Contraseña")).toHaveCount(0);
  await expect(invitee.locator("html")).toHaveAttribute("lang", "es");
  await invitee.getByRole("button", { name: "Set my password" }).click();
  await expect(invitee.getByText(`Your password is set. Sign in with ${email}.`)).toBeVisible();
  await expectAccessible(invitee);
  // The page around it is Spanish (the footer's language switcher), where they choose English.
  await invitee.getByRole("contentinfo").getByRole("button", { name: "English" }).click();
  await expect(invitee.locator("html")).toHaveAttribute("lang", "en");

  await signIn(invitee, email, PASSWORD);
  await expect(invitee).toHaveURL(/\/staff$/);
  await invitee.goto("/staff/roles");
  await expect(invitee.getByRole("heading", { level: 1, name: "Roles and permissions" })).toBeVisible();
  await expect(invitee.getByText("You are: Billing clerk.")).toBeVisible();
  const matrix = invitee.getByTestId("permission-matrix");
  await expect(matrix.getByRole("columnheader")).toHaveText([
    "Permission",
    "Administrator",
    "Billing manager",
    "Billing clerk",
    "Auditor",
  ]);
  await expect(matrix.getByRole("row", { name: /payments\.refund\.large/ }).getByRole("cell")).toHaveText([
    "Yes",
    "Yes",
    "No",
    "No",
  ]);
  await expectAccessible(invitee);
  expect((await invitee.goto("/staff/users"))?.status()).toBe(403);

  // The next sign-in asks for a code from the app the clerk enrolled at the first.
  await invitee.getByRole("button", { name: "Sign out" }).click();
  await expect(invitee).toHaveURL(/\/login/);
  await submitLogin(invitee, email, PASSWORD);
  await expect(invitee).toHaveURL(/\/mfa(\?|$)/);
  await expectAccessible(invitee);
  await invitee.getByLabel("Code", { exact: true }).fill(await nextTotpCode(email, totpSecretOf(email)));
  await invitee.getByRole("button", { name: "Continue" }).click();
  await expect(invitee).toHaveURL(/\/staff$/);

  // The admin sees the sign-in, and disables the user: their next request is signed out.
  await page.reload();
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: "Disable Ivy Invitee" }).click();
  await expect(row).toContainText("Disabled");
  await expectAccessible(page);
  await invitee.goto("/staff");
  await expect(invitee).toHaveURL(/\/login/);
  await inviteeContext.close();
});

test("an administrator imports InstaMed's staff CSV: bad rows reported by line, the same file again adds nothing", async ({
  page,
  db,
}) => {
  const email = uniqueEmail("imported");
  const csv = [
    "User ID,Display Name,Email,Password,Home Page,Primary Group,Role 1,Role 2,Role 3,Role 4,Role 5,Role 6,Role 7,Role 8,Role 9,Role 10",
    `E2E-${email},"Importe, Ida",${email},Temp-Pass-55,,,Cashier,,,,,,,,,`,
    `E2E-W-${email},Wiz Ard,w-${email},Temp-Pass-55,,,Wizard,,,,,,,,,`,
  ].join("\r\n");
  const upload = async () => {
    await page.getByLabel("Staff user CSV from InstaMed").setInputFiles({
      name: "staff.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.getByRole("button", { name: "Import staff users" }).click();
  };
  await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.goto("/staff/users");
  await upload();
  const report = page.getByTestId("staff-import-report");
  await expect(report).toContainText("1 added, 0 already here (unchanged), 1 rejected.");
  await expect(report).toContainText(
    "Line 3: Unknown role “Wizard” (docs/staff-users.md lists the roles we know).",
  );
  await expectAccessible(page);
  await expect(page.getByTestId("staff-users").getByRole("row", { name: /Ida Importe/ })).toContainText(
    "Must choose a new password",
  );
  await page.reload();
  await upload();
  await expect(report).toContainText("0 added, 1 already here (unchanged), 1 rejected.");

  // The temporary password opens no session: the sign-in page says why, and mails a link.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Temp-Pass-55");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByText(
      "Your password is temporary. Choose your own first: we have just emailed you a link to do so.",
    ),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await waitForMail(email, "choose your own password");
});
