import { randomInt } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, signIn, signInAsNewStaff, test, uniqueEmail } from "./support/fixtures";
import { PORTS, SMS_ENV } from "./support/ports";

// Every text here is read from the sandbox SMS server over HTTP (its Twilio-shaped list), and
// every inbound text is sent by it to the portal's webhook, signed as Twilio signs.
const SANDBOX = `http://127.0.0.1:${PORTS.sms}`;
const MESSAGES = `${SANDBOX}/2010-04-01/Accounts/${SMS_ENV.SMS_ACCOUNT_SID}/Messages.json`;
const AUTH = {
  authorization: `Basic ${Buffer.from(`${SMS_ENV.SMS_ACCOUNT_SID}:${SMS_ENV.SMS_AUTH_TOKEN}`).toString("base64")}`,
};
const PASSWORD = "Texting-Patient-1";

/** A mobile number of this test's own: (445) 555-xxxx. */
const newNumber = () => {
  const digits = `445555${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  return { digits, e164: `+1${digits}`, shown: `(445) 555-${digits.slice(6)}` };
};

type TText = { sid: string; direction: string; from: string; to: string; body: string };

const textsTo = async (request: APIRequestContext, to: string): Promise<TText[]> => {
  const response = await request.get(`${MESSAGES}?To=${encodeURIComponent(to)}`, { headers: AUTH });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { messages: TText[] }).messages;
};

/** A patient texts the portal from `from`, through the sandbox. */
const textPortal = async (request: APIRequestContext, from: string, body: string) => {
  const response = await request.post(`${SANDBOX}/sandbox/inbound`, {
    headers: AUTH,
    data: { From: from, Body: body },
  });
  expect(response.status()).toBe(201);
  expect(((await response.json()) as { webhook_status: number }).webhook_status).toBe(200);
};

const preferencesForm = (page: Page) =>
  page.locator("form").filter({ has: page.getByRole("button", { name: "Save preferences" }) });

test("a patient opts in on the profile page and gets a confirmation text; STOP from the phone turns texts off there", async ({
  page,
  db,
  request,
}) => {
  const email = uniqueEmail("texts");
  await db.createPatient({ email, password: PASSWORD });
  const phone = newNumber();
  await signIn(page, email, PASSWORD);
  await page.goto("/profile/preferences");
  const form = preferencesForm(page);
  await expect(form.getByText("I agree to receive text messages about my bills")).toBeVisible();
  await form.getByLabel("Text me about my bills").check();
  await form.getByLabel("Mobile number for texts").fill(phone.shown);
  await form.getByRole("button", { name: "Save preferences" }).click();
  await expect(form.getByRole("status")).toHaveText("Your preferences are saved.");

  await expect
    .poll(async () => (await textsTo(request, phone.e164)).map((t) => t.body))
    .toEqual([expect.stringContaining("Riverside Family Medicine: you are signed up for texts")]);
  await page.reload();
  await expect(page.getByTestId("sms-status")).toContainText(`Texts to ${phone.shown} are on since`);
  await expectAccessible(page);

  await textPortal(request, phone.e164, "STOP");
  const texts = await textsTo(request, phone.e164);
  expect(texts.map((t) => [t.direction, t.body])).toEqual([
    ["outbound-api", expect.stringContaining("you are unsubscribed and will get no more texts")],
    ["outbound-api", expect.stringContaining("you are signed up")],
  ]);
  await page.reload();
  await expect(preferencesForm(page).getByLabel("Text me about my bills")).not.toBeChecked();
  await expect(page.getByTestId("sms-status")).toContainText(
    `Texts to ${phone.shown} are off: you replied STOP on`,
  );
  await expectAccessible(page);
});

test("the admin reads the sandbox's texts on Text messages, and the webhook refuses an unsigned or forged text", async ({
  page,
  request,
  baseURL,
  db,
}) => {
  const phone = newNumber();
  await textPortal(request, phone.e164, "HELP");
  await expect
    .poll(async () => (await textsTo(request, phone.e164)).map((t) => t.body))
    .toEqual([expect.stringMatching(/^Riverside Family Medicine billing texts\. For help, call/)]);

  await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Text messages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Text messages" })).toBeVisible();
  const list = page.getByRole("list", { name: "Text messages" });
  await expect(list.getByRole("listitem").filter({ hasText: `From ${phone.e164}` })).toContainText("HELP");
  await expect(list.getByRole("listitem").filter({ hasText: `To ${phone.e164}` })).toContainText(
    "Riverside Family Medicine billing texts.",
  );
  await expectAccessible(page);

  const unsigned = await request.post(`${baseURL}/api/webhooks/sms`, {
    form: { MessageSid: "SMunsigned", From: phone.e164, To: SMS_ENV.SMS_FROM, Body: "STOP" },
  });
  expect(unsigned.status()).toBe(403);
  const forged = await request.post(`${baseURL}/api/webhooks/sms`, {
    headers: { "x-twilio-signature": "bm90IGEgc2lnbmF0dXJl" },
    form: { MessageSid: "SMforged", From: phone.e164, To: SMS_ENV.SMS_FROM, Body: "STOP" },
  });
  expect(forged.status()).toBe(403);
  expect((await textsTo(request, phone.e164)).length).toBe(1);
});
