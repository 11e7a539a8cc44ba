import { DEMO, expect, expectAccessible, signIn, submitLogin, test } from "./support/fixtures";
import { LOOKUP_NO_MATCH } from "./support/guest";

test.describe("authorization", () => {
  test("a patient cannot see another patient's statement or account, nor the staff console", async ({
    page,
    db,
  }) => {
    const otherStatementId = await db.statementId(DEMO.other.statementNumber);
    const otherAccountId = await db.accountId(DEMO.other.accountNumber);
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
    await expectAccessible(page);

    const statement = await page.goto(`/bills/${otherStatementId}`);
    expect(statement?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("$60.00");
    await expect(page.locator("body")).not.toContainText("Jordan");
    await expect(page.locator("body")).not.toContainText(DEMO.other.statementNumber);
    expect(await page.content()).not.toContain("Jordan");
    await expectAccessible(page);

    for (const path of ["/staff", `/staff/accounts/${otherAccountId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(
        page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
      ).toBeVisible();
      const html = await page.content();
      for (const secret of ["Jordan", "Smith", DEMO.other.accountNumber, "$60.00", "350 Fifth Avenue"]) {
        expect(html, `${path} must not show ${secret}`).not.toContain(secret);
      }
      await expectAccessible(page);
    }
  });

  test("linking another patient's account with a wrong date of birth fails", async ({ page }) => {
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expectAccessible(page);
    await page.goto("/profile/accounts");
    await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Linked accounts" })).toBeVisible();
    await expectAccessible(page);

    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Link account" }) });
    await form.getByLabel("Statement number").fill(DEMO.other.statementNumber);
    await form.getByLabel("Patient's date of birth").fill(DEMO.guest.dob);
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    );
    await form.getByRole("button", { name: "Link account" }).click();
    await answered;
    await expect(form.getByRole("alert")).toHaveText(LOOKUP_NO_MATCH);
    await expect(page.getByText(/is linked\./)).toHaveCount(0);
    const linked = page.getByRole("list", { name: "Your linked accounts" }).getByRole("listitem");
    await expect(linked).toHaveCount(1);
    await expect(linked).toContainText("Account A-1001");
    await expect(linked).toContainText("Guarantor Pat Rivera");
    await expectAccessible(page);

    await page.goto("/bills");
    await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
    await expect(page.getByRole("link", { name: /^Statement ST-/ })).toHaveCount(2);
    await expect(page.getByText(DEMO.other.statementNumber)).toHaveCount(0);
    await expectAccessible(page);
  });

  test("an anonymous visitor is sent to sign in, and back to the page asked for afterwards", async ({
    page,
  }) => {
    for (const path of ["/bills", "/profile", "/staff", "/payments"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(`/login?callbackUrl=${encodeURIComponent(path)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expectAccessible(page);
    }
    await page.goto("/payments");
    await submitLogin(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/payments$/);
    await expect(page.getByRole("heading", { level: 1, name: "Payment history" })).toBeVisible();
  });

  test("a sign-in link cannot send anyone to another site, however the address is disguised", async ({
    page,
    baseURL,
  }) => {
    // A tab, a newline or a carriage return (browsers drop them), a backslash (read as "/"), "//".
    for (const callbackUrl of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\\evil.example",
      "//evil.example",
    ]) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await submitLogin(page, DEMO.patient.email, DEMO.patient.password);
      await expect(page, JSON.stringify(callbackUrl)).not.toHaveURL(/\/login/);
      await page.waitForLoadState("load");
      expect(new URL(page.url()).origin, JSON.stringify(callbackUrl)).toBe(new URL(baseURL!).origin);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });
});
