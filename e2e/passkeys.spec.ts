import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";

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
  const staff = { email: uniqueEmail("passkey-staff"), password: "Passkey-Staff-1" };
  await db.query(
    `INSERT INTO "user" (id, email, "passwordHash", role, "firstName", "lastName", "emailVerifiedAt", "updatedAt")
     VALUES ($1, $2, $3, 'BILLING_MANAGER', 'Pat', 'Key', now(), now())`,
    [`e2e_${randomUUID()}`, staff.email, await hashPassword(staff.password)],
  );
  await signIn(page, staff.email, staff.password);
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
