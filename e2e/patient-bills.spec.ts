import { DEMO, expect, expectAccessible, signIn, test } from "./support/fixtures";

test("the demo patient sees both statements, their details and totals, then signs out", async ({ page }) => {
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  await expect(page).toHaveURL(/\/bills$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your bills" })).toBeVisible();
  await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
  await expect(page.getByText("2 open statements")).toBeVisible();
  const list = page.locator("section").filter({ has: page.getByRole("heading", { name: "Statements" }) });
  await expect(list.getByRole("link", { name: /^Statement ST-/ })).toHaveCount(2);
  await expect(list.getByRole("listitem").filter({ hasText: "ST-1001" })).toContainText("$125.40");
  await expect(list.getByRole("listitem").filter({ hasText: "ST-1002" })).toContainText("$890.00");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Statement ST-1002" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statement ST-1002" })).toBeVisible();
  const services = page.getByRole("table", { name: "Services on statement ST-1002" });
  await expect(services.locator("tbody tr")).toHaveCount(3);
  await expect(services.getByRole("row", { name: /Colonoscopy, diagnostic/ })).toContainText("$1,850.00");
  const totals = page.locator("dl").filter({ hasText: "Patient responsibility" });
  await expect(totals).toContainText("Total charges$2,610.00");
  await expect(totals).toContainText("Insurance paid-$1,260.00");
  await expect(totals).toContainText("Adjustments-$460.00");
  await expect(totals).toContainText("Patient responsibility$890.00");
  await expect(totals).toContainText("Amount due$890.00");
  await expect(page.getByTestId("balance")).toHaveText("$890.00");
  await expectAccessible(page);

  await page.getByRole("link", { name: "← All bills" }).click();
  await page.getByRole("link", { name: "Statement ST-1001" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statement ST-1001" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Services on statement ST-1001" }).locator("tbody tr"),
  ).toHaveCount(3);
  const totals1001 = page.locator("dl").filter({ hasText: "Patient responsibility" });
  await expect(totals1001).toContainText("Total charges$425.00");
  await expect(totals1001).toContainText("Insurance paid-$232.10");
  await expect(totals1001).toContainText("Adjustments-$67.50");
  await expect(totals1001).toContainText("Amount due$125.40");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=signedout$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/bills");
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
});
