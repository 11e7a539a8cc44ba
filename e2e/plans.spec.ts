import type { Page, Route } from "@playwright/test";
import { expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";
import { cardFrame, fillCard } from "./support/cards";
import { TEST_CARDS } from "./support/test-numbers";

/** Saves a Visa through the wallet page's hosted card fields (the gateway's iframe). */
const addCard = async (page: Page) => {
  await page.getByRole("link", { name: "Wallet" }).click();
  await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
  await page.getByLabel("Name on card").fill("Casey Tester");
  const frame = page.frameLocator('iframe[title^="Card details"]');
  await frame.getByLabel("Card number").fill(TEST_CARDS.visa);
  await frame.getByLabel("Expiration date").fill("12/30");
  await frame.getByLabel("Security code (CVV)").fill("123");
  await frame.getByLabel("Billing ZIP code").fill("19103");
  await page.getByRole("button", { name: "Save payment method" }).click();
  await expect(page.getByText("Card ending 1111 saved.")).toBeVisible();
};

test.describe("payment plans", () => {
  test("set up a plan for a copy of ST-1002 with a down payment, see the schedule, cancel", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("plan"), password: "Plan-Owner-123" });
    const statement = await db.cloneStatement("ST-1002", "ST-PLN");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    await addCard(page);

    // From the bills page to the new-plan form.
    await page.getByRole("link", { name: "Bills", exact: true }).click();
    await page.getByRole("link", { name: "Pay over time" }).click();
    await expect(page).toHaveURL(/\/plans\/new$/);
    await expect(page.getByRole("checkbox", { name: new RegExp(statement.statementNumber) })).toBeChecked();
    await expect(page.getByText("Total to spread: $890.00")).toBeVisible();

    await page.getByLabel("Down payment today (optional)").fill("90.00");
    await page.getByRole("textbox", { name: "Number of payments" }).fill("4");
    // The live preview: a down payment and 4 monthly installments of $200.00.
    const preview = page.getByTestId("plan-preview");
    await expect(preview.getByRole("row")).toHaveCount(6);
    await expect(preview.getByText("Today (down payment)")).toBeVisible();
    await expect(preview.getByRole("cell", { name: "$200.00" })).toHaveCount(4);
    await expect(page.getByTestId("plan-agreement")).toContainText("Down payment: $90.00, charged today.");
    await expect(page.getByTestId("plan-agreement")).toContainText("Visa ••1111");
    await expectAccessible(page);

    await page.getByRole("checkbox", { name: "I have read and accept this payment plan agreement" }).check();
    await page.getByRole("button", { name: "Agree and set up the plan" }).click();
    await expect(page).toHaveURL(/\/plans\/[^/]+\?created=1$/);
    await expect(page.getByText("Your payment plan is set up.")).toBeVisible();
    await expect(page.getByTestId("plan-status")).toHaveText("Active");
    await expect(page.getByTestId("plan-remaining")).toHaveText("$800.00");
    const schedule = page.getByTestId("plan-schedule");
    await expect(schedule.getByRole("row")).toHaveCount(5);
    await expect(schedule.getByRole("cell", { name: "Scheduled" })).toHaveCount(4);
    await expectAccessible(page);

    // The down payment was charged: the statement owes $800.00 now.
    const { rows } = await db.query<{ balanceCents: number }>(
      `SELECT "balanceCents" FROM statement WHERE id = $1`,
      [statement.id],
    );
    expect(rows[0]!.balanceCents).toBe(80000);

    // The list.
    await page.getByRole("link", { name: "Payment plans" }).first().click();
    await expect(page).toHaveURL(/\/plans$/);
    await expect(page.getByRole("link", { name: statement.statementNumber })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: statement.statementNumber }).click();

    // Cancel, with confirmation.
    await page.getByRole("button", { name: "Cancel plan" }).click();
    await expect(page.getByText("Tick the box to confirm that you want to cancel the plan.")).toBeVisible();
    await page.getByRole("checkbox", { name: "Yes, cancel this payment plan" }).check();
    await page.getByRole("button", { name: "Cancel plan" }).click();
    await expect(page.getByTestId("plan-status")).toHaveText("Cancelled");
    await expect(page.getByTestId("plan-schedule").getByRole("cell", { name: "Cancelled" })).toHaveCount(4);
    await expectAccessible(page);

    // Someone else's plan id is the same 404 as a missing one.
    const other = await db.createPatient({ email: uniqueEmail("plan-other"), password: "Plan-Other-123" });
    const planUrl = page.url().replace(/\?.*$/, "");
    await page.context().clearCookies();
    await signIn(page, other.email, other.password);
    const foreign = await page.goto(planUrl);
    expect(foreign?.status()).toBe(404);
    const missing = await page.goto("/plans/no-such-plan");
    expect(missing?.status()).toBe(404);
  });

  test("a box unticked before the page hydrates stays unticked, and the plan is made without it", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("plan-early"), password: "Plan-Early-123" });
    const kept = await db.cloneStatement("ST-1002", "ST-EARLY");
    const dropped = await db.cloneStatement("ST-1001", "ST-EARLY", { accountId: kept.accountId });
    await db.linkStatementAccount(patient.id, kept.id);
    await signIn(page, patient.email, patient.password);
    await addCard(page);

    // The page arrives, but its scripts are held: nothing is hydrated yet.
    const held: Route[] = [];
    let isHolding = true;
    // Only the scripts: the stylesheets must load, or the streamed page is never shown.
    const isScript = (url: URL) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");
    await page.route(isScript, (route) => (isHolding ? held.push(route) : route.continue()));
    await page.goto("/plans/new", { waitUntil: "commit" });
    const droppedBox = page.getByRole("checkbox", { name: new RegExp(dropped.statementNumber) });
    await expect(droppedBox).toBeChecked();
    await expect(page.getByText("Total to spread: $1,015.40")).toBeVisible();
    await droppedBox.uncheck();
    expect(held.length, "scripts held back").toBeGreaterThan(0);

    // Then the scripts run and React takes over the form as it is.
    isHolding = false;
    for (const route of held.splice(0)) await route.continue();
    await expect(page.getByText("Total to spread: $890.00")).toBeVisible();
    await page.getByRole("textbox", { name: "Number of payments" }).fill("4");
    await expect(page.getByTestId("plan-preview").getByRole("cell", { name: "$222.50" })).toHaveCount(4);
    await expect(droppedBox).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: new RegExp(kept.statementNumber) })).toBeChecked();
    await expectAccessible(page);

    await page.getByRole("checkbox", { name: "I have read and accept this payment plan agreement" }).check();
    await page.getByRole("button", { name: "Agree and set up the plan" }).click();
    await expect(page).toHaveURL(/\/plans\/[^/]+\?created=1$/);
    await expect(page.getByText(`Statements ${kept.statementNumber}`, { exact: true })).toBeVisible();
    const { rows } = await db.query<{ statementId: string }>(
      `SELECT ps."statementId" FROM payment_plan_statement ps JOIN payment_plan p ON p.id = ps."planId"
        WHERE p."userId" = $1`,
      [patient.id],
    );
    expect(rows.map((r) => r.statementId)).toEqual([kept.id]);
  });

  test("with no saved method, a new card is typed in the plan form: a declined one keeps the terms, the next is saved with the plan", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("plan-new"), password: "Plan-NewCard-123" });
    const statement = await db.cloneStatement("ST-1002", "ST-PNEW");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    const methods = () =>
      db.query<{ last4: string; removed: boolean; id: string }>(
        `SELECT id, last4, "removedAt" IS NOT NULL AS removed FROM payment_method WHERE "userId" = $1`,
        [patient.id],
      );

    await page.goto("/plans/new");
    // No detour to the wallet: the card goes in here, in the gateway's own fields.
    await expect(page.getByRole("group", { name: "New card or bank account" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Add .* wallet|Add a card or bank account/ })).toHaveCount(0);
    await page.getByLabel("Down payment today (optional)").fill("90.00");
    await page.getByRole("textbox", { name: "Number of payments" }).fill("4");
    await page.getByLabel("Name on card").fill("Casey Tester");
    await fillCard(cardFrame(page), TEST_CARDS.declined);
    await expect(page.getByTestId("plan-agreement")).toContainText(
      "Payment method: the new card or bank account entered above.",
    );
    await expect(page.getByText("Loading the secure payment form…")).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole("checkbox", { name: "I have read and accept this payment plan agreement" }).check();
    await page.getByRole("button", { name: "Agree and set up the plan" }).click();
    await expect(
      page.getByText(/^Your card was declined\..* It was not saved, and the plan was not set up\.$/),
    ).toBeVisible();
    // Nothing lost: the terms, the name and the acceptance are as typed; nothing was saved.
    await expect(page).toHaveURL(/\/plans\/new$/);
    await expect(page.getByLabel("Down payment today (optional)")).toHaveValue("90.00");
    await expect(page.getByRole("textbox", { name: "Number of payments" })).toHaveValue("4");
    await expect(page.getByLabel("Name on card")).toHaveValue("Casey Tester");
    await expect(
      page.getByRole("checkbox", { name: "I have read and accept this payment plan agreement" }),
    ).toBeChecked();
    expect((await methods()).rows).toEqual([]);
    await expectAccessible(page);

    // Another card, and the plan is set up with it.
    await cardFrame(page).getByLabel("Card number").fill(TEST_CARDS.visa);
    await page.getByRole("button", { name: "Agree and set up the plan" }).click();
    await expect(page).toHaveURL(/\/plans\/[^/]+\?created=1$/);
    await expect(page.getByText("Your payment plan is set up.")).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "Visa ••1111" })).toBeVisible();
    await expect(page.getByTestId("plan-remaining")).toHaveText("$800.00");
    await expectAccessible(page);
    const saved = (await methods()).rows;
    expect(saved).toEqual([{ id: expect.any(String), last4: "1111", removed: false }]);
    const plans = await db.query<{ paymentMethodId: string; agreementText: string }>(
      `SELECT "paymentMethodId", "agreementText" FROM payment_plan WHERE "userId" = $1`,
      [patient.id],
    );
    expect(plans.rows).toEqual([
      { paymentMethodId: saved[0]!.id, agreementText: expect.stringContaining("Visa ••1111") },
    ]);

    // And it is in the wallet for next time.
    await page.getByRole("link", { name: "Wallet" }).click();
    await expect(page.getByRole("heading", { name: "Visa ••1111" })).toBeVisible();
  });
});
