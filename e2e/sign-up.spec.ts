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

test("sign up, confirm the email address from the emailed link, then sign in", async ({ page }) => {
  const email = uniqueEmail("signup");
  const password = "Fresh-Login-42";

  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: "Create a login" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("First name").fill("Morgan");
  await page.getByLabel("Last name").fill("Lee");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create login" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);

  // Not confirmed yet: sign-in says so.
  await page.goto("/login");
  await expectAccessible(page);
  await submitLogin(page, email, password);
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "Please confirm your email address first. We have just emailed you a new link.",
  );
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page);

  const mail = await waitForMail(email, "confirm your email address");
  const link = linkIn(mail, "/verify-email?token=");
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL(/\/login\?reason=verified$/);
  await expect(page.getByText("Your email address is confirmed. You can sign in now.")).toBeVisible();
  await expectAccessible(page);

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/bills$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your bills" })).toBeVisible();
  await expect(page.getByText("Welcome back, Morgan.")).toBeVisible();
  await expect(page.getByTestId("total-due")).toHaveText("$0.00");
  await expectAccessible(page);
});
