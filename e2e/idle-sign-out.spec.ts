import { DEMO, expect, expectAccessible, signIn, test } from "./support/fixtures";

// Runs against the server with SESSION_IDLE_TIMEOUT_SECONDS=10: the warning shows after 5 idle
// seconds and the browser signs out after 10. The warning is in the reader's language: English
// first, then Spanish (the switcher's cookie, set here so the demo login's saved language stays).
test("an idle session warns, in the reader's language, then signs out", async ({ page }) => {
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  await expect(page).toHaveURL(/\/bills$/);
  await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
  await expectAccessible(page);

  const dialog = page.getByRole("alertdialog", { name: "Are you still there?" });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText("For your privacy you will be signed out in");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();

  await page.context().addCookies([{ name: "locale", value: "es", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  const spanish = page.getByRole("alertdialog", { name: "¿Sigue ahí?" });
  await expect(spanish).toBeVisible({ timeout: 15_000 });
  await expect(spanish).toContainText(/Por su privacidad, su sesión se cerrará en \d+ segundos?\./);
  await expect(spanish.getByRole("button", { name: "Mantener la sesión abierta" })).toBeFocused();
  await expect(spanish.getByRole("button", { name: "Cerrar sesión ahora" })).toBeVisible();
  await expectAccessible(page);

  await expect(page).toHaveURL(/\/login\?reason=idle$/, { timeout: 20_000 });
  await expect(
    page.getByText("Se cerró su sesión tras un período de inactividad, para proteger su información."),
  ).toBeVisible();
  await expectAccessible(page);

  await page.goto("/bills");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
  await expectAccessible(page);
});
