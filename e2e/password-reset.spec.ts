import {
  expect,
  expectAccessible,
  linkIn,
  signIn,
  submitLogin,
  test,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";

test("a forgotten password is reset from the emailed link; the old one stops working", async ({
  page,
  db,
}) => {
  const oldPassword = "Old-Password-1";
  const newPassword = "New-Password-2";
  const user = await db.createPatient({ email: uniqueEmail("reset"), password: oldPassword });

  await page.goto("/login");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText("If that address has a login, we have emailed it a link")).toBeVisible();
  await expectAccessible(page);

  const mail = await waitForMail(user.email, "reset your password");
  // The HTML part's one link is the button to the same address as the text's.
  expect(mail.html).toContain(`href="${linkIn(mail, "/reset-password?token=")}"`);
  expect(mail.html.match(/<a\b/g)).toHaveLength(1);
  expect(mail.html).toContain(">Choose a new password</span>");
  await page.goto(linkIn(mail, "/reset-password?token="));
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL(/\/login\?reason=reset$/);
  await expect(page.getByText("Your password was changed. Sign in with your new password.")).toBeVisible();
  await expectAccessible(page);
  await submitLogin(page, user.email, oldPassword);
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "That email and password don't match our records.",
  );
  await expectAccessible(page);

  await signIn(page, user.email, newPassword);
  await expect(page).toHaveURL(/\/bills$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your bills" })).toBeVisible();
  await expectAccessible(page);
});
