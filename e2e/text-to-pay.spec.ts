import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { cardFrame, fillCard } from "./support/cards";
import { DEMO, expect, expectAccessible, test, type TestDb } from "./support/fixtures";
import { PORTS, SMS_ENV } from "./support/ports";
import { TEST_CARDS } from "./support/test-numbers";

// A statement arrives by the statements API for an account whose number is opted in to texts;
// its text is read from the sandbox SMS server over HTTP, and its link opened in the browser.
const MESSAGES = `http://127.0.0.1:${PORTS.sms}/2010-04-01/Accounts/${SMS_ENV.SMS_ACCOUNT_SID}/Messages.json`;
const SMS_AUTH = {
  authorization: `Basic ${Buffer.from(`${SMS_ENV.SMS_ACCOUNT_SID}:${SMS_ENV.SMS_AUTH_TOKEN}`).toString("base64")}`,
};
const DOB = "1985-04-12";

/** A write API key of the demo practice, made in the database (only its SHA-256 is kept). */
const newApiKey = async (db: TestDb) => {
  const key = `ppk_live_${randomBytes(32).toString("base64url")}`;
  const { rowCount } = await db.query(
    `INSERT INTO api_key (id, "practiceId", name, scope, prefix, "keyHash", "createdBy", "updatedAt")
     SELECT $1, "practiceId", $2, 'WRITE', $3, $4, 'e2e', now() FROM "user" WHERE email = $5`,
    [
      `e2e_${randomUUID()}`,
      `text-to-pay ${randomUUID().slice(0, 8)}`,
      key.slice(0, 17),
      createHash("sha256").update(key).digest("hex"),
      DEMO.admin.email,
    ],
  );
  expect(rowCount).toBe(1);
  return key;
};

/**
 * A zone where it is daytime now (10:00 to 18:59), whatever the hour the tests run at: texts keep
 * quiet hours in the zone the patient's browser reported with their opt-in (docs/sms.md), so a
 * patient there is texted at once even while the practice's New York is asleep.
 */
const daytimeZone = () => {
  const zones = [
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/London",
  ];
  const hourIn = (timeZone: string) =>
    Number(
      new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(new Date()),
    );
  const zone = zones.find((z) => hourIn(z) >= 10 && hourIn(z) < 19);
  expect(zone, "a zone where it is daytime now").toBeTruthy();
  return zone!;
};

/**
 * A number opted in to texts (as the profile page records it, with the zone the browser
 * reported), and a new statement of $87.65 for an account with that number, put by the
 * statements API: returns the link texted to it.
 */
const statementArrives = async (request: APIRequestContext, baseURL: string, db: TestDb) => {
  const phone = `445557${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  await db.query(
    `INSERT INTO sms_consent (id, phone, "isOptedIn", source, "textVersion", text, "timeZone", "updatedAt")
     VALUES ($1, $2, true, 'WEB', 'e2e', 'I agree to receive text messages about my bills.', $3, now())`,
    [`e2e_${randomUUID()}`, phone, daytimeZone()],
  );
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  const statementNumber = `ST-T2P-${suffix}`;
  const response = await request.put(`${baseURL}/api/v1/statements/${statementNumber}`, {
    headers: { authorization: `Bearer ${await newApiKey(db)}`, "idempotency-key": randomUUID() },
    data: {
      patient_id: `P-T2P-${suffix}`,
      patient_first_name: "Robin",
      patient_last_name: "Texter",
      patient_dob: DOB,
      patient_phone: phone,
      amount_due_cents: 8765,
      statement_date: "2026-11-20",
      status: "A",
      guarantor_id: `A-T2P-${suffix}`,
      recipient_zip: "19103",
    },
  });
  expect(response.status()).toBe(201);
  let body = "";
  await expect
    .poll(async () => {
      const answer = await request.get(`${MESSAGES}?To=${encodeURIComponent(`+1${phone}`)}`, {
        headers: SMS_AUTH,
      });
      const messages = ((await answer.json()) as { messages: { body: string }[] }).messages;
      body = messages[0]?.body ?? "";
      return messages.length;
    })
    .toBe(1);
  expect(body).toMatch(
    new RegExp(
      `^Riverside Family Medicine: your statement ${statementNumber} for \\$87\\.65 is ready\\. View and pay: `,
    ),
  );
  const link = /(https?:\/\/\S+\/t\/[A-Za-z0-9_-]{24}) /.exec(body)?.[1];
  expect(link, `a link in "${body}"`).toBeTruthy();
  return { link: link!, statementNumber, phone };
};

test("a statement that arrives for an opted-in number is texted with a link that opens its guest pay page, and the patient pays; opened again, the link says it is paid", async ({
  page,
  browser,
  request,
  baseURL,
  db,
}) => {
  const { link, statementNumber } = await statementArrives(request, baseURL!, db);
  await page.goto(link);
  await expect(page).toHaveURL(/\/guest\/pay$/);
  await expect(
    page.getByRole("heading", { level: 1, name: `Pay statement ${statementNumber}` }),
  ).toBeVisible();
  await expect(page.getByLabel(`Amount for statement ${statementNumber}`)).toHaveValue("87.65");
  await fillCard(cardFrame(page), TEST_CARDS.visa);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Review payment" }).click();
  await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Pay $87.65" }).click();
  await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
  await expect(page.getByText("Approved").first()).toBeVisible();
  await expect(page.getByText(statementNumber).first()).toBeVisible();
  await expectAccessible(page);

  // Opened again once paid, the link says nothing is owed instead of opening a pay page, and
  // leads to the statement and its receipt.
  await page.goto(link);
  await expect(page).toHaveURL(/\/guest\/text-link\/paid$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "This statement is paid — nothing is owed" }),
  ).toBeVisible();
  await expect(page.getByText(`Statement ${statementNumber} has no balance left to pay.`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "See the receipt" }).click();
  await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
  await expect(page.getByText("Approved").first()).toBeVisible();
  await page.goBack();
  await page.getByRole("link", { name: "See the statement" }).click();
  await expect(page).toHaveURL(/\/guest\/statement$/);
  await expect(page.getByRole("link", { name: "Pay this statement" })).toHaveCount(0);

  // Past its first day, a new browser is told it is paid, and must give the date of birth to see more.
  const { rowCount } = await db.query(
    `UPDATE text_to_pay_link SET "createdAt" = now() - interval '2 days'
      WHERE "statementId" = (SELECT id FROM statement WHERE "statementNumber" = $1)`,
    [statementNumber],
  );
  expect(rowCount).toBe(1);
  const later = await (await browser.newContext()).newPage();
  await later.goto(link);
  await expect(later).toHaveURL(/\/guest\/text-link\/paid$/);
  await expect(
    later.getByRole("heading", { level: 1, name: "This statement is paid — nothing is owed" }),
  ).toBeVisible();
  await expect(later.getByRole("link", { name: "See the receipt" })).toHaveCount(0);
  await expectAccessible(later);
  await later.getByRole("link", { name: "Confirm it's you to see the statement" }).click();
  await expect(later.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await later.getByLabel("Patient's date of birth").fill(DOB);
  await later.getByRole("button", { name: "Continue to my statement" }).click();
  await expect(later).toHaveURL(/\/guest\/statement$/);
  await expect(later.getByText(statementNumber).first()).toBeVisible();
  await later.context().close();
});

test("a link older than a day asks the date of birth first, refuses a wrong one, and a broken link says so", async ({
  page,
  request,
  baseURL,
  db,
}) => {
  const { link, statementNumber } = await statementArrives(request, baseURL!, db);
  const { rowCount } = await db.query(
    `UPDATE text_to_pay_link SET "createdAt" = now() - interval '2 days'
      WHERE "statementId" = (SELECT id FROM statement WHERE "statementNumber" = $1)`,
    [statementNumber],
  );
  expect(rowCount).toBe(1);

  await page.goto(link);
  await expect(page).toHaveURL(/\/guest\/text-link$/);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue to my statement" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Patient's date of birth").fill("1990-02-03");
  await page.getByRole("button", { name: "Continue to my statement" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "That date of birth does not match this statement. Check it and try again.",
  );
  await expect(page).toHaveURL(/\/guest\/text-link$/);
  await expectAccessible(page);

  await page.getByLabel("Patient's date of birth").fill(DOB);
  await page.getByRole("button", { name: "Continue to my statement" }).click();
  await expect(page).toHaveURL(/\/guest\/statement$/);
  await expect(page.getByText(statementNumber).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Pay this statement" }).click();
  await expect(page).toHaveURL(/\/guest\/pay$/);
  await expect(page.getByLabel(`Amount for statement ${statementNumber}`)).toHaveValue("87.65");
  await expect(cardFrame(page).getByLabel("Card number")).toBeVisible();
  await expectAccessible(page);

  // A link cut short, or one made up, opens nothing and says so.
  const broken = await page.goto(`${link.slice(0, -3)}${"x".repeat(300)}`);
  expect(broken?.status()).toBe(200);
  await expect(
    page.getByRole("heading", { level: 1, name: "This link can't open your statement" }),
  ).toBeVisible();
  await expect(page.getByText("This link does not open a statement.")).toBeVisible();
  await expectAccessible(page);
});
