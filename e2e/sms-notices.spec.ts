import { randomInt, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, expectAccessible, signIn, signInAsNewStaff, test, uniqueEmail } from "./support/fixtures";
import { runJob } from "./support/jobs";
import { PORTS, SMS_ENV } from "./support/ports";

// Staff record a patient's consent to texts given by phone; the patient's autopay reminder then
// goes by text too. Every text is read from the sandbox SMS server over HTTP.
const SANDBOX = `http://127.0.0.1:${PORTS.sms}`;
const MESSAGES = `${SANDBOX}/2010-04-01/Accounts/${SMS_ENV.SMS_ACCOUNT_SID}/Messages.json`;
const AUTH = {
  authorization: `Basic ${Buffer.from(`${SMS_ENV.SMS_ACCOUNT_SID}:${SMS_ENV.SMS_AUTH_TOKEN}`).toString("base64")}`,
};

/** A mobile number of this test's own: (446) 555-xxxx. */
const newNumber = () => {
  const digits = `446555${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  return { digits, e164: `+1${digits}`, shown: `(446) 555-${digits.slice(6)}` };
};

const textsTo = async (request: APIRequestContext, to: string) => {
  const response = await request.get(`${MESSAGES}?To=${encodeURIComponent(to)}`, { headers: AUTH });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { messages: { body: string }[] }).messages.map((m) => m.body);
};

/**
 * A zone whose clock reads about noon now (Etc/GMT-N is UTC+N), so that the reminder is not held
 * for quiet hours (21:00-08:00 on the patient's clock) whenever the tests run.
 */
const noonZone = () => {
  const offset = 12 - new Date().getUTCHours(); // -11 … +12
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
};

test("staff record a patient's consent to texts given by phone (a bad number refused, nothing typed lost), and the patient's autopay reminder is texted", async ({
  page,
  db,
  request,
}) => {
  // A practice of its own, in a zone where it is midday, with an account, its statement and a
  // patient who chose reminders by text on their profile but never opted in to texts.
  const tag = randomUUID().slice(0, 8);
  const practiceId = `e2e_practice_${randomUUID()}`;
  await db.query(
    `INSERT INTO practice (id, name, "clientId", "timeZone", "updatedAt") VALUES ($1, 'Brookside Clinic', $2, $3, now())`,
    [practiceId, `BRK-${tag}`, noonZone()],
  );
  const statement = await db.cloneStatement("ST-1001", "ST-TXT");
  await db.query(`UPDATE account SET "practiceId" = $1 WHERE id = $2`, [practiceId, statement.accountId]);
  const { rows: accounts } = await db.query<{ accountNumber: string }>(
    `SELECT "accountNumber" FROM account WHERE id = $1`,
    [statement.accountId],
  );
  const accountNumber = accounts[0]!.accountNumber;
  const phone = newNumber();
  const patient = await db.createPatient({ email: uniqueEmail("sms-notice"), password: "Texting-Patient-2" });
  await db.query(`UPDATE "user" SET "smsPhone" = $2, "smsReminders" = true WHERE id = $1`, [
    patient.id,
    phone.digits,
  ]);
  await db.linkStatementAccount(patient.id, statement.id);
  // No address state to take a zone from (lib/sms/patient-zone.ts): the practice's midday zone decides.
  await db.query(`UPDATE "user" SET state = NULL WHERE id = $1`, [patient.id]);
  await db.query(
    `UPDATE account SET state = NULL WHERE id = $1 OR id IN (SELECT "accountId" FROM account_link WHERE "userId" = $2)`,
    [statement.accountId, patient.id],
  );

  const staff = await signInAsNewStaff(page, db, { role: "BILLING_CLERK", practiceId });
  await page.goto(`/staff/accounts/${statement.accountId}`);
  await expect(page.getByRole("heading", { name: "Consent to texts, given by phone" })).toBeVisible();
  const number = page.getByLabel("Mobile number the patient gave");
  const agreed = page.getByLabel("The patient agreed on the phone to this text, read to them");
  await expect(page.getByText("I agree to receive text messages about my bills")).toBeVisible();
  await expectAccessible(page);

  await number.fill("(446) 555-12");
  await agreed.check();
  await page.getByRole("button", { name: "Record consent" }).click();
  await expect(page.getByText("Enter a 10-digit US phone number, for example (215) 555-0101.")).toBeVisible();
  await expect(number).toHaveValue("(446) 555-12");
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expect(agreed).toBeChecked();
  await expectAccessible(page);

  await number.fill(phone.shown);
  await page.getByRole("button", { name: "Record consent" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Consent recorded" })).toBeVisible();
  await expect(number).toHaveValue("");
  await expectAccessible(page);
  await expect
    .poll(() => textsTo(request, phone.e164))
    .toEqual([expect.stringContaining("Brookside Clinic: you are signed up for texts")]);
  const { rows: consents } = await db.query<{ source: string; isOptedIn: boolean; userId: string }>(
    `SELECT c.source::text, c."isOptedIn", c."userId", c."textVersion", u.email AS "recordedBy"
       FROM sms_consent c JOIN "user" u ON u.id = c."recordedByUserId" WHERE c.phone = $1`,
    [phone.digits],
  );
  expect(consents).toEqual([
    expect.objectContaining({
      source: "STAFF",
      isOptedIn: true,
      userId: patient.id,
      textVersion: expect.stringMatching(/^sms-/),
      recordedBy: staff.email,
    }),
  ]);

  // The patient's autopay charges the statement tomorrow: the reminder job texts them.
  const methodId = `e2e_pm_${randomUUID()}`;
  await db.query(
    `INSERT INTO payment_method (id, "userId", kind, "gatewayToken", brand, last4, "expMonth", "expYear", "updatedAt")
     VALUES ($1, $2, 'CARD', $3, 'visa', '1111', 12, 2035, now())`,
    [methodId, patient.id, `pm_e2e_${randomUUID()}`],
  );
  const enrollmentId = `e2e_enrol_${randomUUID()}`;
  await db.query(
    `INSERT INTO autopay_enrollment (id, "accountId", "userId", "paymentMethodId", "limitCents", "consentText",
       "consentVersion", "consentedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 100000, 'e2e', 'e2e', now(), now())`,
    [enrollmentId, statement.accountId, patient.id, methodId],
  );
  await db.query(
    `INSERT INTO autopay_charge (id, "enrollmentId", "statementId", "amountDueCents", "chargeOn", "updatedAt")
     SELECT $1, $2, s.id, s."amountDueCents", (now() AT TIME ZONE $4)::date + 1, now()
       FROM statement s WHERE s.id = $3`,
    [`e2e_charge_${randomUUID()}`, enrollmentId, statement.id, noonZone()],
  );
  await runJob("autopay.send-reminders");
  await expect
    .poll(() => textsTo(request, phone.e164))
    .toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Brookside Clinic: autopay will charge \\$125\\.40 for account ${accountNumber} on \\w{3} \\d{1,2}, \\d{4}\\. Reply STOP to opt out\\.$`,
        ),
      ),
    );
  const texts = await textsTo(request, phone.e164);
  expect(texts).toHaveLength(2);
  expect(texts.join(" ")).not.toContain("1111");
});

test("a patient chooses plan and autopay reminders by text on the profile page, with the number to text", async ({
  page,
  db,
}) => {
  const patient = await db.createPatient({ email: uniqueEmail("sms-choice"), password: "Texting-Patient-3" });
  const phone = newNumber();
  await signIn(page, patient.email, patient.password);
  await page.goto("/profile/preferences");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save preferences" }) });
  await expect(form.getByLabel("Text me plan and autopay reminders")).not.toBeChecked();
  await form.getByLabel("Text me plan and autopay reminders").check();
  await form.getByLabel("Mobile number for texts").fill(phone.shown);
  await form.getByRole("button", { name: "Save preferences" }).click();
  await expect(form.getByRole("status")).toHaveText("Your preferences are saved.");
  await page.reload();
  await expect(form.getByLabel("Text me plan and autopay reminders")).toBeChecked();
  await expectAccessible(page);
  const { rows } = await db.query(`SELECT "smsReminders", "smsOptIn", "smsPhone" FROM "user" WHERE id = $1`, [
    patient.id,
  ]);
  // Chosen, but no text goes until the number's consent is on record (the staff's form, or the box above).
  expect(rows[0]).toEqual({ smsReminders: true, smsOptIn: false, smsPhone: phone.digits });
});

test("an auditor sees no consent form on an account", async ({ page, db }) => {
  const statement = await db.cloneStatement("ST-1001", "ST-TXT");
  await signInAsNewStaff(page, db, { role: "AUDITOR" });
  await page.goto(`/staff/accounts/${statement.accountId}`);
  await expect(page.getByRole("heading", { name: "Statements" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Consent to texts, given by phone" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Record consent" })).toHaveCount(0);
  await expectAccessible(page);
});
