import { DEMO, expect, expectAccessible, signIn, test } from "./support/fixtures";

// Runs against the server with SESSION_IDLE_TIMEOUT_SECONDS=10: the warning shows after 5 idle
// seconds and the browser signs out after 10.
test("an idle session warns, then signs out", async ({ page }) => {
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  await expect(page).toHaveURL(/\/bills$/);
  await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
  await expectAccessible(page);

  const dialog = page.getByRole("alertdialog", { name: "Are you still there?" });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText("For your privacy you will be signed out in");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectAccessible(page);

  await expect(page).toHaveURL(/\/login\?reason=idle$/, { timeout: 20_000 });
  await expect(
    page.getByText("You were signed out after a period of inactivity, to protect your information."),
  ).toBeVisible();
  await expectAccessible(page);

  await page.goto("/bills");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
});
