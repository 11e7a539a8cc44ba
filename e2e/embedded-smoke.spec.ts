import { readFileSync } from "node:fs";
import path from "node:path";
import { totpCode } from "@/lib/auth/mfa/totp";
import { DEMO, expect, expectAccessible, signIn, submitLogin, test } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { PORTS } from "./support/ports";

/**
 * The sandbox SMS server `npm start` runs beside the embedded portal (its port: the portal's +
 * 1010), with the account and token start.mjs made for this installation in .data/.
 */
const root = path.resolve(import.meta.dirname, "..");
const installation = (name: string) => readFileSync(path.join(root, ".data", name), "utf8").trim();
const smsSandbox = `http://127.0.0.1:${PORTS.embedded + 1010}`;

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

  test("the language switcher, the demo family's sharing, and the sandbox SMS server's texts on the admin's Text messages page", async ({
    page,
    browser,
    request,
  }) => {
    // The switcher in every page's footer: Español, then English again.
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
    await page.getByRole("contentinfo").getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    // The demo guarantor shares A-1001 with the two demo family members, who accepted.
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await page.goto("/profile/sharing");
    await expect(page.getByText("Jamie Rivera (jamie@example.com)")).toBeVisible();
    await expect(page.getByText("Alex Rivera (alex@example.com)")).toBeVisible();
    await expectAccessible(page);

    // A phone texts HELP to the practice through the sandbox, which signs it to the portal's
    // webhook; the portal answers. The admin reads both on Text messages.
    const from = "+14455550177";
    const auth = `Basic ${Buffer.from(`${installation("sms-account-sid")}:${installation("sms-auth-token")}`).toString("base64")}`;
    const inbound = await request.post(`${smsSandbox}/sandbox/inbound`, {
      headers: { authorization: auth },
      data: { From: from, Body: "HELP" },
    });
    expect(inbound.status()).toBe(201);
    expect(((await inbound.json()) as { webhook_status: number }).webhook_status).toBe(200);

    // The demo admin's first sign-in here enrols an authenticator app (this database's own).
    const admin = await (await browser.newContext()).newPage();
    await admin.goto("/login");
    await submitLogin(admin, DEMO.admin.email, DEMO.admin.password);
    await expect(admin).toHaveURL(/\/mfa\/enrol/);
    const secret = (await admin.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await admin.getByLabel("Code from your app").fill(totpCode(secret, new Date()));
    await admin.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(admin.getByTestId("recovery-codes")).toBeVisible();
    await admin.goto("/staff/sms");
    await expect(admin.getByRole("heading", { level: 1, name: "Text messages" })).toBeVisible();
    const texts = admin.getByRole("list", { name: "Text messages" });
    await expect(texts.getByRole("listitem").filter({ hasText: `From ${from}` })).toContainText("HELP");
    await expect(texts.getByRole("listitem").filter({ hasText: `To ${from}` })).toContainText(
      "Riverside Family Medicine",
    );
    await expectAccessible(admin);
    await admin.context().close();
  });
});
