import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, signInAsNewStaff, test } from "./support/fixtures";

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const search = async (page: Page, query: string) => {
  await page.getByRole("searchbox", { name: "Search" }).fill(query);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const heading = new RegExp(`match “${escapeRegExp(query)}”$`);
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
};

const results = (page: Page) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: /match “/ }) });

test.describe("staff console", () => {
  test("staff find an account by number, statement, name and date of birth, and open it", async ({
    page,
  }) => {
    await signIn(page, DEMO.staff.email, DEMO.staff.password);
    await expect(page).toHaveURL(/\/staff$/);
    // The staff home is the dashboard, with the search at its top.
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expectAccessible(page);

    await search(page, "A-1001");
    await expect(page.getByRole("heading", { name: "1 account match “A-1001”" })).toBeVisible();
    await expect(results(page).getByRole("link")).toHaveText(["Rivera, Pat · Account A-1001"]);
    await expectAccessible(page);

    await search(page, "ST-2001");
    await expect(results(page).getByRole("link")).toHaveText(["Smith, Jordan · Account A-2001"]);
    await expectAccessible(page);

    await search(page, "Rivera");
    await expect(results(page).getByRole("link")).toHaveText(["Rivera, Pat · Account A-1001"]);
    await expectAccessible(page);

    await search(page, "06/15/1975");
    await expect(results(page).getByRole("link")).toHaveText(["Smith, Jordan · Account A-2001"]);
    await expect(results(page)).toContainText("DOB Jun 15, 1975");
    await expectAccessible(page);

    await results(page).getByRole("link", { name: "Smith, Jordan · Account A-2001" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Account A-2001" })).toBeVisible();
    await expect(page.getByText("Guarantor Jordan Smith")).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Statement ST-2001" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Statement ST-2001" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("$60.00");
    await expect(
      page.getByRole("table", { name: "Services on statement ST-2001" }).locator("tbody tr"),
    ).toHaveCount(2);
    await expectAccessible(page);
  });

  test("staff without the admin role get 403 on the audit log", async ({ page, db }) => {
    await signInAsNewStaff(page, db);
    await expect(page).toHaveURL(/\/staff$/);
    await expectAccessible(page);
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }),
    ).toHaveCount(0);
    const response = await page.goto("/staff/audit");
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
    ).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectAccessible(page);
  });

  test("an admin sees sign-ins and staff account views in the audit log, and the email outbox", async ({
    page,
    browser,
    db,
  }) => {
    // A staff member opens an account, so that the log has a view of it.
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    const staff = await signInAsNewStaff(staffPage, db);
    await expectAccessible(staffPage);
    await search(staffPage, "A-1001");
    await expectAccessible(staffPage);
    await results(staffPage)
      .getByRole("link", { name: /Account A-1001/ })
      .click();
    await expect(staffPage.getByRole("heading", { level: 1, name: "Account A-1001" })).toBeVisible();
    await expectAccessible(staffPage);
    await staffContext.close();

    const admin = await signInAsNewStaff(page, db, { role: "ADMIN" });
    await expect(page).toHaveURL(/\/staff$/);
    await expectAccessible(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const log = page.getByRole("region", { name: "Audit log entries" });
    const rows = log.getByRole("row");
    await expect(
      rows.filter({ hasText: "auth.sign_in" }).filter({ hasText: admin.email }).first(),
    ).toBeVisible();
    await expect(
      rows.filter({ hasText: "staff.view_account" }).filter({ hasText: staff.email }).first(),
    ).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Email outbox" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
    await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
    await expectAccessible(page);
  });
});
