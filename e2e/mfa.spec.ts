import type { Page } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  nextTotpCode,
  rememberTotpSecret,
  signIn,
  submitLogin,
  test,
  totpSecretOf,
  uniqueEmail,
} from "./support/fixtures";
import { guestPaysFifty, settleAtGateway } from "./support/settled-payment";

const signOut = async (page: Page) => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
};

const passwordStep = async (page: Page, who: { email: string; password: string }) => {
  await page.goto("/login");
  await submitLogin(page, who.email, who.password);
};

/** Enrols on the enrolment page as a person would; returns the secret and the recovery codes. */
const enrolOnPage = async (page: Page, email: string) => {
  await expect(page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const code = await nextTotpCode(email, secret);
  await page.getByLabel("Code from your app").fill(code);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expectAccessible(page);
  rememberTotpSecret(email, secret);
  return { secret, code, recoveryCodes: await codes.allInnerTexts() };
};

const enterCode = async (page: Page, code: string) => {
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
};

test("a new staff user enrols TOTP at the first sign-in, then signs in with a code, and a used code is refused", async ({
  page,
  db,
}) => {
  const staff = await db.createStaff({ prefix: "mfa-staff" });
  await passwordStep(page, staff);
  await expect(page).toHaveURL(/\/mfa\/enrol/);
  // Nothing of the console before the second factor: a staff page sends the session back to enrol.
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/mfa\/enrol\?callbackUrl=%2Fstaff/);
  // Staff read it in English even when their browser asks for Spanish (the console is English), marked so.
  await page.context().addCookies([{ name: "locale", value: "es", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  const title = page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" });
  expect(await title.evaluate((el) => el.closest("[lang]")?.getAttribute("lang"))).toBe("en");
  const { secret, code: enrolmentCode } = await enrolOnPage(page, staff.email);
  await page.context().clearCookies({ name: "locale" });
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signOut(page);

  await passwordStep(page, staff);
  await expect(page).toHaveURL(/\/mfa$/);
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectAccessible(page);
  // The code the enrolment used is spent.
  await enterCode(page, enrolmentCode);
  await expect(page.getByText("That code didn't work").first()).toBeVisible();
  await expect(page).toHaveURL(/\/mfa$/);
  await enterCode(page, await nextTotpCode(staff.email, secret));
  await expect(page).toHaveURL(/\/staff$/);

  const { rows } = await db.query<{ action: string; outcome: string }>(
    `SELECT a.action, a.outcome FROM audit_log a JOIN "user" u ON u.id = a."actorUserId"
      WHERE u.email = $1 AND a.action LIKE 'mfa.%' ORDER BY a."createdAt"`,
    [staff.email.toLowerCase()],
  );
  expect(rows).toEqual([
    { action: "mfa.totp_enrolled", outcome: "SUCCESS" },
    { action: "mfa.failed", outcome: "FAILURE" },
    { action: "mfa.verified", outcome: "SUCCESS" },
  ]);
});

test("a recovery code signs in once; the second use is refused", async ({ page, db }) => {
  const staff = await db.createStaff({ prefix: "mfa-staff" });
  await passwordStep(page, staff);
  const { recoveryCodes } = await enrolOnPage(page, staff.email);
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await signOut(page);

  await passwordStep(page, staff);
  await enterCode(page, recoveryCodes[0]!);
  await expect(page).toHaveURL(/\/staff$/);
  await signOut(page);

  await passwordStep(page, staff);
  await enterCode(page, recoveryCodes[0]!);
  await expect(page.getByText("That code didn't work").first()).toBeVisible();
  await expect(page).toHaveURL(/\/mfa$/);
  // Another of the codes still works.
  await enterCode(page, recoveryCodes[1]!);
  await expect(page).toHaveURL(/\/staff$/);
});

test("a patient turns two-step sign-in on from the profile, is asked for a code at sign-in, and turns it off", async ({
  page,
  db,
}) => {
  const patient = await db.createPatient({
    email: uniqueEmail("mfa-patient"),
    password: "Mfa-Patient-Pass-1",
  });
  await signIn(page, patient.email, patient.password);
  await expect(page).toHaveURL(/\/bills/);
  await page.goto("/profile/security");
  await expect(page.getByRole("heading", { level: 2, name: "Two-step sign-in" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
  const { secret } = await enrolOnPage(page, patient.email);
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).toHaveURL(/\/profile\/security$/);
  await expect(page.getByText("You have 10 unused recovery codes")).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  await passwordStep(page, patient);
  await expect(page).toHaveURL(/\/mfa$/);
  await enterCode(page, await nextTotpCode(patient.email, secret));
  await expect(page).toHaveURL(/\/bills/);

  await page.goto("/profile/security");
  await page.getByLabel("Code from your app").fill(await nextTotpCode(patient.email, secret));
  await page.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await expect(page.getByRole("link", { name: "Set up two-step sign-in" })).toBeVisible();
  await signOut(page);
  await passwordStep(page, patient);
  await expect(page).toHaveURL(/\/bills/);
});

test("a refund asks for the code again when the last check is over 15 minutes old", async ({
  page,
  browser,
  db,
}) => {
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-STEP");
  const receiptPath = await guestPaysFifty(page, statement.statementNumber);
  const paymentId = receiptPath.split("/").pop()!;
  await settleAtGateway(page);

  const staff = await db.createStaff({ prefix: "mfa-staff" });
  const context = await browser.newContext();
  const clerk = await context.newPage();
  await signIn(clerk, staff.email, staff.password);
  // The session's second factor passed 20 minutes ago.
  await db.query(
    `UPDATE user_session SET "secondFactorAt" = now() - interval '20 minutes'
      WHERE "userId" = (SELECT id FROM "user" WHERE email = $1) AND "endedAt" IS NULL`,
    [staff.email.toLowerCase()],
  );
  await clerk.goto(`/staff/payments/${paymentId}`);
  await expect(clerk.getByText("A refund needs a fresh check of your second factor")).toBeVisible();
  await expectAccessible(clerk);

  // The server refuses the refund itself, whatever the page shows.
  await clerk.getByRole("button", { name: "Refund…" }).click();
  const dialog = clerk.getByRole("dialog");
  await dialog.getByLabel("Amount to refund").fill("5.00");
  await dialog.getByLabel("Reason", { exact: true }).fill("Step-up check");
  await dialog.getByLabel("Confirm the refund").fill("5.00");
  await dialog.getByRole("button", { name: "Refund $5.00" }).click();
  await expect(dialog.getByText("confirm it's you with a code")).toBeVisible();
  await clerk.keyboard.press("Escape");
  await expect(clerk.getByTestId("refundable")).toHaveText("$50.00");

  await clerk.getByRole("link", { name: "Confirm it's you" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await expectAccessible(clerk);
  await enterCode(clerk, await nextTotpCode(staff.email, totpSecretOf(staff.email)));
  await expect(clerk).toHaveURL(new RegExp(`/staff/payments/${paymentId}$`));
  await expect(clerk.getByText("A refund needs a fresh check of your second factor")).toHaveCount(0);
  await clerk.getByRole("button", { name: "Refund…" }).click();
  await dialog.getByLabel("Amount to refund").fill("5.00");
  await dialog.getByLabel("Reason", { exact: true }).fill("Step-up check");
  await dialog.getByLabel("Confirm the refund").fill("5.00");
  await dialog.getByRole("button", { name: "Refund $5.00" }).click();
  await expect(clerk.getByTestId("refundable")).toHaveText("$45.00");

  const { rows } = await db.query<{ action: string }>(
    `SELECT a.action FROM audit_log a JOIN "user" u ON u.id = a."actorUserId"
      WHERE u.email = $1 AND a.action IN ('mfa.step_up_required', 'mfa.verified') ORDER BY a."createdAt"`,
    [staff.email.toLowerCase()],
  );
  expect(rows.map((r) => r.action)).toEqual(["mfa.step_up_required", "mfa.verified"]);
  await context.close();
});

test("strangers: no session gets no second-factor page, and a patient gets 403 on the staff security page", async ({
  page,
  db,
}) => {
  for (const path of ["/mfa", "/mfa/enrol", "/profile/security"]) {
    await page.goto(path);
    await expect(page, `${path} without a session`).toHaveURL(/\/login/);
  }
  const patient = await db.createPatient({
    email: uniqueEmail("mfa-stranger"),
    password: "Mfa-Stranger-Pass-1",
  });
  await signIn(page, patient.email, patient.password);
  const response = await page.goto("/staff/security");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
});
