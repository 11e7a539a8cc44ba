import { DEMO, expect, expectAccessible, test } from "./support/fixtures";
import { LOOKUP_NO_MATCH, lookUpStatement } from "./support/guest";

test.describe("guest statement lookup", () => {
  test("statement number and date of birth open the statement with its lines and balance", async ({
    page,
  }) => {
    await page.goto("/guest");
    await expect(page.getByRole("heading", { level: 1, name: "Find your statement" })).toBeVisible();
    await expectAccessible(page);

    await lookUpStatement(page, { statementNumber: DEMO.guest.statementNumber, dob: DEMO.guest.dob });

    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your statement" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Statement ST-1001" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("$125.40");
    const services = page.getByRole("table", { name: "Services on statement ST-1001" });
    await expect(services.locator("tbody tr")).toHaveCount(3);
    for (const description of [
      "Office visit, established patient, moderate complexity",
      "Comprehensive metabolic panel",
      "Influenza vaccine, quadrivalent, with administration",
    ]) {
      await expect(services.getByRole("cell", { name: description })).toBeVisible();
    }
    await expectAccessible(page);
  });

  test("statement number and ZIP code work too", async ({ page }) => {
    await page.goto("/guest");
    await expectAccessible(page);
    await lookUpStatement(page, { statementNumber: DEMO.guest.statementNumber, zip: DEMO.guest.zip });
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expect(page.getByTestId("balance")).toHaveText("$125.40");
    await expectAccessible(page);
  });

  test("a wrong date of birth, a wrong ZIP and an unknown number give one generic message", async ({
    page,
  }) => {
    await page.goto("/guest");
    await expectAccessible(page);
    const messages: string[] = [];
    for (const proof of [
      { statementNumber: DEMO.guest.statementNumber, dob: "1980-01-02" },
      { statementNumber: DEMO.guest.statementNumber, zip: "19104" },
      { statementNumber: "ST-9999", dob: DEMO.guest.dob },
    ]) {
      const form = await lookUpStatement(page, proof);
      const alert = form.getByRole("alert");
      await expect(alert).toHaveText(LOOKUP_NO_MATCH);
      // What was typed stays, so a typo can be fixed without starting over.
      await expect(form.getByLabel("Statement number")).toHaveValue(proof.statementNumber);
      messages.push((await alert.textContent()) ?? "");
      await expect(page).toHaveURL(/\/guest$/);
      await expectAccessible(page);
    }
    expect(new Set(messages)).toEqual(new Set([LOOKUP_NO_MATCH]));
    // It must not tell which field was wrong.
    expect(messages[0]).not.toMatch(/birth|DOB|ZIP|number/i);
  });

  test("five failures lock a statement; the sixth try fails even with the right details", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-LOCK");
    await page.goto("/guest");
    await expectAccessible(page);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const form = await lookUpStatement(page, {
        statementNumber: statement.statementNumber,
        dob: "1990-05-05",
      });
      await expect(form.getByRole("alert")).toHaveText(LOOKUP_NO_MATCH);
    }
    const fifth = await lookUpStatement(page, {
      statementNumber: statement.statementNumber,
      dob: "1990-05-05",
    });
    await expect(fifth.getByRole("alert")).toContainText("Too many attempts");

    const sixth = await lookUpStatement(page, {
      statementNumber: statement.statementNumber,
      dob: DEMO.guest.dob,
    });
    await expect(sixth.getByRole("alert")).toContainText(
      /^Too many attempts\. For your security, lookups are paused until .+\. You can also call our billing office\.$/,
    );
    await expect(page).toHaveURL(/\/guest$/);
    await expectAccessible(page);
  });

  test("the statement page needs a guest session, and Done ends it", async ({ page }) => {
    await page.goto("/guest/statement");
    await expect(page).toHaveURL(/\/guest$/);
    await expect(page.getByRole("heading", { level: 1, name: "Find your statement" })).toBeVisible();
    // There never was a session here, so nothing says that one ended.
    await expect(page.getByText("Your guest session ended")).toHaveCount(0);
    await expectAccessible(page);

    await lookUpStatement(page, { statementNumber: DEMO.guest.statementNumber, dob: DEMO.guest.dob });
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Done" }).click();
    await expect(page).toHaveURL(/\/guest\?ended=1$/);
    await expect(page.getByText("You have left the statement.")).toBeVisible();
    await expectAccessible(page);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("ppp_guest");

    await page.goto("/guest/statement");
    await expect(page).toHaveURL(/\/guest$/);
    await expect(page.getByText("$125.40")).toHaveCount(0);
    await expectAccessible(page);
  });

  test("an expired or forged guest session shows the lookup again, with a note", async ({
    page,
    baseURL,
  }) => {
    await page
      .context()
      .addCookies([{ name: "ppp_guest", value: "eyJhbGciOiJIUzI1NiJ9.e30.forged", url: baseURL! }]);
    await page.goto("/guest/statement");
    await expect(page).toHaveURL(/\/guest\?expired=1$/);
    await expect(page.getByText("Your guest session ended after 15 minutes.")).toBeVisible();
    await expect(page.getByText("$125.40")).toHaveCount(0);
    await expectAccessible(page);
  });
});
