import type { Page } from "@playwright/test";
import { cardFrame, fillCard } from "./support/cards";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { TEST_CARDS } from "./support/test-numbers";

const payByCard = async (page: Page) => {
  await fillCard(cardFrame(page), TEST_CARDS.visa);
  await page.getByRole("button", { name: "Review payment" }).click();
  await page.getByRole("button", { name: "Pay $125.40" }).click();
  await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
};

test.describe("a receipt while its payment is processing", () => {
  test("the page asks for the payment's status until it is final, shows the outcome and stops; no one else may ask", async ({
    page,
    browser,
    request,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-RCPT");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await page.goto("/guest/pay");
    await payByCard(page);
    const paymentId = new URL(page.url()).pathname.split("/").pop()!;
    const statusPath = `/receipts/${paymentId}/status`;

    // The payment as it is between the charge and the gateway's answer (made recent, so the
    // status route does not ask the gateway about it).
    const { rows } = await db.query<{ status: string }>(`SELECT status FROM payment WHERE id = $1`, [
      paymentId,
    ]);
    const outcome = rows[0]!.status;
    await db.query(`UPDATE payment SET status = 'PENDING', "createdAt" = now() WHERE id = $1`, [paymentId]);
    const asked = page.waitForResponse((r) => r.url().endsWith(statusPath));
    await page.reload();
    await expect(page.getByText("Processing — we'll update this page")).toBeVisible();
    await expect(page.getByText("This page checks for an update every few seconds.")).toBeVisible();
    await expectAccessible(page);
    const answer = await asked;
    expect(answer.status()).toBe(200);
    expect(answer.headers()["cache-control"]).toContain("no-store");
    expect(await answer.json()).toEqual({ status: "PENDING" });

    // Nobody else learns the status (nor sees the receipt): a stranger, a guest with another
    // statement, a patient whose accounts it is not on. Each gets the page's 404.
    const stranger = await request.get(statusPath);
    expect(stranger.status()).toBe(404);
    expect(await stranger.text()).not.toContain("PENDING");
    expect((await request.get(`/receipts/${paymentId}`)).status()).toBe(404);
    const otherGuest = await browser.newContext();
    const otherPatient = await browser.newContext();
    try {
      const guestPage = await otherGuest.newPage();
      await guestPage.goto("/guest");
      await lookUpStatement(guestPage, { statementNumber: DEMO.other.statementNumber, dob: DEMO.other.dob });
      await expect(guestPage).toHaveURL(/\/guest\/statement$/);
      expect((await guestPage.request.get(statusPath)).status()).toBe(404);

      const patient = await db.createPatient({
        email: uniqueEmail("rcpt-other"),
        password: "Rcpt-Other-123",
      });
      const patientPage = await otherPatient.newPage();
      await signIn(patientPage, patient.email, patient.password);
      expect((await patientPage.request.get(statusPath)).status()).toBe(404);
    } finally {
      await otherGuest.close();
      await otherPatient.close();
    }

    // The answer comes in: the page shows it without a reload, and asks no more.
    await db.query(`UPDATE payment SET status = $2 WHERE id = $1`, [paymentId, outcome]);
    await expect(page.getByText("Approved").first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("This page checks for an update every few seconds.")).toHaveCount(0);
    let laterQuestions = 0;
    page.on("request", (r) => {
      if (r.url().endsWith(statusPath)) laterQuestions += 1;
    });
    await page.waitForTimeout(4_000);
    expect(laterQuestions, "status questions after the outcome").toBe(0);
    await expectAccessible(page);
  });
});
