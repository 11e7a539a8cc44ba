import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessible,
  nextTotpCode,
  rememberTotpSecret,
  signIn,
  signInAsNewStaff,
  submitLogin,
  test,
  type TestDb,
  uniqueEmail,
} from "./support/fixtures";

/** A CDP virtual authenticator on the page (a platform authenticator that verifies the user). */
const addVirtualAuthenticator = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
};

const signOut = async (page: Page) => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
};

/** The user's audit rows of these actions, oldest first. */
const auditOf = async (db: TestDb, email: string, actions: string[]) => {
  const { rows } = await db.query<{ action: string; metadata: Record<string, unknown> | null }>(
    `SELECT a.action, a.metadata FROM audit_log a JOIN "user" u ON u.id = a."actorUserId"
      WHERE u.email = $1 AND a.action = ANY($2::text[]) ORDER BY a."createdAt", a.id`,
    [email.toLowerCase(), actions],
  );
  return rows;
};

test("a patient adds a passkey on the profile and signs in with it, without a password", async ({
  page,
  db,
}) => {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const patient = await db.createPatient({
    email: uniqueEmail("passkey-patient"),
    password: "Passkey-Patient-1",
  });
  await signIn(page, patient.email, patient.password);
  await page.goto("/profile/security");
  await expect(page.getByRole("heading", { level: 2, name: "Passkeys" })).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey 1 added")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  await signOut(page);

  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/bills/);
  const { rows } = await db.query<{ metadata: { method?: string } }>(
    `SELECT a.metadata FROM audit_log a JOIN "user" u ON u.id = a."actorUserId"
      WHERE u.email = $1 AND a.action = 'auth.sign_in' AND a.outcome = 'SUCCESS' ORDER BY a."createdAt"`,
    [patient.email.toLowerCase()],
  );
  expect(rows.map((r) => r.metadata?.method ?? "password")).toEqual(["password", "passkey"]);
});

test("a staff member's passkey signs in to the console with no password and no code", async ({
  page,
  db,
}) => {
  await addVirtualAuthenticator(page);
  await signInAsNewStaff(page, db, { prefix: "passkey-staff" });
  await page.goto("/staff/security");
  await expect(page.getByRole("heading", { level: 1, name: "Sign-in security" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey 1 added")).toBeVisible();
  await signOut(page);

  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a staff member signs in with the password, then the passkey as the second step instead of a code", async ({
  page,
  db,
}) => {
  await addVirtualAuthenticator(page);
  const staff = await db.createStaff({ prefix: "passkey-second" });
  await signIn(page, staff.email, staff.password);
  await page.goto("/staff/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey 1 added")).toBeVisible();
  await signOut(page);

  await submitLogin(page, staff.email, staff.password);
  await expect(page).toHaveURL(/\/mfa$/);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  // The passkey beside the code from the app (and the recovery codes, which the code field takes).
  await expect(page.getByLabel("Code", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/staff/security");
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("last used");
  const rows = await auditOf(db, staff.email, ["mfa.verified"]);
  expect(rows.at(-1)?.metadata).toMatchObject({ method: "passkey", stepUp: false });
});

test("a staff member renames a passkey, confirms it's you with it, cannot remove it while it is the only second factor, and removes it once an app is set up", async ({
  page,
  db,
}) => {
  await addVirtualAuthenticator(page);
  const staff = await db.createStaff({ prefix: "passkey-manage" });
  await signIn(page, staff.email, staff.password);
  await page.goto("/staff/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey 1 added")).toBeVisible();
  const passkeys = page.getByRole("list", { name: "Your passkeys" });

  // Rename: too long is refused with the limit, then a good name is kept.
  const nameField = page.getByLabel("New name for Passkey 1");
  await nameField.fill("x".repeat(61));
  await page.getByRole("button", { name: "Rename Passkey 1" }).click();
  await expect(page.getByText("Use 60 characters or fewer.")).toBeVisible();
  await expectAccessible(page);
  await nameField.fill("  Work laptop ");
  await page.getByRole("button", { name: "Rename Passkey 1" }).click();
  await expect(page.getByText("Renamed to Work laptop.")).toBeVisible();
  await expect(passkeys.getByText("Work laptop", { exact: true })).toBeVisible();

  // Over 15 minutes since the second step: removing asks for a fresh one, which the passkey gives.
  await db.query(
    `UPDATE user_session SET "secondFactorAt" = now() - interval '20 minutes'
      WHERE "userId" = (SELECT id FROM "user" WHERE email = $1) AND "endedAt" IS NULL`,
    [staff.email.toLowerCase()],
  );
  await page.reload();
  await expect(page.getByText("Removing a passkey needs a fresh second step")).toBeVisible();
  await page.getByRole("button", { name: "Remove Work laptop" }).click();
  await expect(
    page.getByText("confirm it's you with a code from your authenticator app or your passkey"),
  ).toBeVisible();
  await expect(passkeys.getByRole("listitem")).toHaveCount(1);
  await page.getByRole("link", { name: "Confirm it's you" }).first().click();
  await expect(page).toHaveURL(/\/mfa\?callbackUrl=%2Fstaff%2Fsecurity/);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page).toHaveURL(/\/staff\/security$/);
  await expect(page.getByText("Removing a passkey needs a fresh second step")).toHaveCount(0);

  // A login whose only second factor is this passkey (its TOTP gone: set here in the database)
  // keeps it: the page says why.
  await db.query(`UPDATE "user" SET "totpEnabledAt" = NULL, "totpSecret" = NULL WHERE email = $1`, [
    staff.email.toLowerCase(),
  ]);
  await page.reload();
  await expect(page.getByText("Your login has no authenticator app")).toBeVisible();
  await page.getByRole("button", { name: "Remove Work laptop" }).click();
  await expect(page.getByText("You can't remove your only passkey")).toBeVisible();
  await expect(passkeys.getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page);

  // With an authenticator app set up from this page, the passkey may go.
  await page.getByRole("link", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code from your app").fill(await nextTotpCode(staff.email, secret));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("recovery-codes")).toBeVisible();
  rememberTotpSecret(staff.email, secret);
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).toHaveURL(/\/staff\/security$/);
  await expect(page.getByText("Codes from your authenticator app are on")).toBeVisible();
  await page.getByRole("button", { name: "Remove Work laptop" }).click();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await expectAccessible(page);

  const rows = await auditOf(db, staff.email, [
    "passkey.renamed",
    "mfa.step_up_required",
    "mfa.verified",
    "passkey.remove_refused",
    "passkey.removed",
  ]);
  expect(rows.map((r) => r.action).filter((a) => a !== "mfa.verified")).toEqual([
    "passkey.renamed",
    "mfa.step_up_required",
    "passkey.remove_refused",
    "passkey.removed",
  ]);
  expect(rows.find((r) => r.action === "passkey.renamed")?.metadata).toEqual({
    from: "Passkey 1",
    to: "Work laptop",
  });
  expect(rows.filter((r) => r.action === "mfa.verified").at(-1)?.metadata).toMatchObject({
    method: "passkey",
    stepUp: true,
  });
});

test("a patient renames and removes a passkey on the profile, with no step-up", async ({ page, db }) => {
  await addVirtualAuthenticator(page);
  const patient = await db.createPatient({
    email: uniqueEmail("passkey-patient-manage"),
    password: "Passkey-Patient-2",
  });
  await signIn(page, patient.email, patient.password);
  await page.goto("/profile/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey 1 added")).toBeVisible();
  await page.getByLabel("New name for Passkey 1").fill("");
  await page.getByRole("button", { name: "Rename Passkey 1" }).click();
  await expect(page.getByText("Enter a name for the passkey.")).toBeVisible();
  await page.getByLabel("New name for Passkey 1").fill("My phone");
  await page.getByRole("button", { name: "Rename Passkey 1" }).click();
  await expect(page.getByText("Renamed to My phone.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Remove My phone" }).click();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await expectAccessible(page);
  const rows = await auditOf(db, patient.email, ["passkey.renamed", "passkey.removed"]);
  expect(rows.map((r) => r.action)).toEqual(["passkey.renamed", "passkey.removed"]);
});
