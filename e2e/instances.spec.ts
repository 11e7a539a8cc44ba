import type { Page } from "@playwright/test";
import { cardFrame, fillCard } from "./support/cards";
import {
  captureServerAction,
  expect,
  expectAccessible,
  replayServerAction,
  signIn,
  submitLogin,
  test,
  uniqueEmail,
} from "./support/fixtures";
import { PORTS } from "./support/ports";
import { TEST_CARDS } from "./support/test-numbers";

/**
 * Several instances on one PostgreSQL, as docs/deploy.md runs them: the `portal` server (which
 * works the job queue too), a second instance with JOBS_WORKER=off, and an `npm run worker`
 * process (playwright.config.ts). A load balancer would send each request to either; these tests
 * alternate on purpose.
 */
const FIRST = `http://localhost:${PORTS.portal}`;
const SECOND = `http://localhost:${PORTS.second}`;

const totalDue = async (page: Page, origin: string) => {
  await page.goto(`${origin}/bills`);
  await expect(page).toHaveURL(`${origin}/bills`);
  return page.getByTestId("total-due");
};

test.describe("two instances and a worker on one database", () => {
  test("a session made on one instance works on the other, and signing out on either ends it", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({
      email: uniqueEmail("two-instances"),
      password: "Two-Instances-1",
    });
    const statement = await db.cloneStatement("ST-1002", "ST-INST");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    await expect(page).toHaveURL(`${FIRST}/bills`);

    await expect(await totalDue(page, SECOND)).toHaveText("$890.00");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(`${FIRST}/bills`);
    await expect(page).toHaveURL(/\/login/);
  });

  test("a paused sign-in holds on both instances: failures on either count together", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("lockout-two"), password: "Lockout-Two-1" });
    for (let attempt = 0; attempt < 5; attempt++) {
      const origin = attempt % 2 === 0 ? FIRST : SECOND;
      await page.goto(`${origin}/login`);
      await submitLogin(page, patient.email, "not-the-password");
      await expect(page.locator("form").getByRole("alert")).toHaveText(
        "That email and password don't match our records.",
      );
    }
    for (const origin of [SECOND, FIRST]) {
      await page.goto(`${origin}/login`);
      await submitLogin(page, patient.email, patient.password);
      await expect(page.locator("form").getByRole("alert")).toContainText(
        "Too many attempts. For your security, sign-in is paused for 15 minutes.",
      );
    }
  });

  test("a payment replayed on the other instance is the same payment, and the other instance's bills show it at once", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("replay-two"), password: "Replay-Two-1" });
    const statement = await db.cloneStatement("ST-1002", "ST-RPLY");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    // The other instance has served this patient's bills before the payment.
    await expect(await totalDue(page, SECOND)).toHaveText("$890.00");

    await page.goto(`${FIRST}/pay`);
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    await page.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("40.00");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
    const pay = await captureServerAction(page, "/pay", () =>
      page.getByRole("button", { name: "Pay $40.00" }).click(),
    );

    const cookie = (await page.context().cookies(FIRST)).map((c) => `${c.name}=${c.value}`).join("; ");
    const answers: string[] = [];
    for (const origin of [FIRST, SECOND]) {
      const answer = await replayServerAction(page.request, `${origin}/pay`, pay, { origin, cookie });
      expect(answer.status(), `the pay action on ${origin}`).toBe(200);
      answers.push(await answer.text());
    }
    const { rows } = await db.query<{ id: string; status: string; amountCents: number }>(
      `SELECT p.id, p.status, p."amountCents" FROM payment p
         JOIN payment_allocation a ON a."paymentId" = p.id WHERE a."statementId" = $1`,
      [statement.id],
    );
    expect(rows, "payments on the statement").toHaveLength(1);
    expect(rows[0]).toMatchObject({
      amountCents: 4000,
      status: expect.stringMatching(/^(CAPTURED|SETTLED)$/),
    });
    await expect(await totalDue(page, SECOND)).toHaveText("$850.00");
    await expect(await totalDue(page, FIRST)).toHaveText("$850.00");
  });

  test("each recurring job is made once a minute, whichever process made it, and runs one at a time", async ({
    db,
  }) => {
    test.setTimeout(200_000);
    const EVERY_MINUTE = ["receipts.send-due", "webhooks.deliver", "payments.reconcile-pending"];
    // Runs after the servers have been up for a while: at least two minutes of schedule to look at.
    await expect
      .poll(
        async () =>
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
              [EVERY_MINUTE[0]],
            )
          ).rows[0]!.n,
        { timeout: 150_000, intervals: [5_000] },
      )
      .toBeGreaterThanOrEqual(2);

    const { rows: made } = await db.query<{ name: string; jobs: number; minutes: number }>(
      `SELECT name, count(*)::int AS jobs,
              (extract(epoch FROM max(created_on) - min(created_on)) / 60)::int AS minutes
         FROM pgboss.job WHERE name = ANY($1::text[]) GROUP BY name ORDER BY name`,
      [EVERY_MINUTE],
    );
    expect(made.map((r) => r.name)).toEqual([...EVERY_MINUTE].sort());
    for (const r of made) {
      // One per minute of schedule (the first and the last minute both count), never one per process.
      expect(r.jobs, `${r.name}: ${r.jobs} jobs over ${r.minutes} minutes`).toBeLessThanOrEqual(
        r.minutes + 2,
      );
    }

    const { rows: overlapping } = await db.query<{ name: string }>(
      `SELECT a.name FROM pgboss.job a JOIN pgboss.job b
          ON a.name = b.name AND a.id < b.id
         AND a.started_on < coalesce(b.completed_on, now()) AND b.started_on < coalesce(a.completed_on, now())
       WHERE a.name = ANY($1::text[]) AND a.started_on IS NOT NULL AND b.started_on IS NOT NULL`,
      [EVERY_MINUTE],
    );
    expect(overlapping, "two runs of one sweep at the same time").toEqual([]);
  });
});
