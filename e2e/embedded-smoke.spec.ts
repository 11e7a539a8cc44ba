import { DEMO, expect, expectAccessible, signIn, test } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";

// Runs against `npm start` on a fresh embedded (PGlite) database: the demo data is seeded.
test.describe("npm start on the embedded database", () => {
  test("the demo patient signs in and sees both statements", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Pay your bill online" })).toBeVisible();
    await expectAccessible(page);
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expect(page.getByRole("link", { name: "Statement ST-1001" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Statement ST-1002" })).toBeVisible();
    await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
    await expectAccessible(page);
  });

  test("a guest finds ST-1001 with the date of birth", async ({ page }) => {
    await page.goto("/guest");
    await expectAccessible(page);
    await lookUpStatement(page, { statementNumber: DEMO.guest.statementNumber, dob: DEMO.guest.dob });
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expect(page.getByTestId("balance")).toHaveText("$125.40");
    await expectAccessible(page);
  });
});
