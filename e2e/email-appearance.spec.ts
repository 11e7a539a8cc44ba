import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { DEMO, expect, expectAccessible, signIn, signInAsNewStaff, test } from "./support/fixtures";

test("an administrator sets the practice's email colour: a light one is refused with its contrast, a dark one is saved and shown", async ({
  page,
  db,
}) => {
  // A practice of its own, so that the demo practice's emails in other tests keep their colour.
  const tag = randomUUID().slice(0, 8);
  const practiceId = `e2e_practice_${randomUUID()}`;
  await db.query(
    `INSERT INTO practice (id, name, "clientId", "updatedAt") VALUES ($1, 'Hillside Dental', $2, now())`,
    [practiceId, `HSD-${tag}`],
  );
  const admin = { email: `admin-${tag}@hillside.example`, password: "Hillside-Admin-1" };
  await db.query(
    `INSERT INTO "user" (id, email, "passwordHash", role, "practiceId", "firstName", "lastName", "emailVerifiedAt", "updatedAt")
     VALUES ($1, $2, $3, 'ADMIN', $4, 'Hana', 'Hill', now(), now())`,
    [`e2e_user_${randomUUID()}`, admin.email, await hashPassword(admin.password), practiceId],
  );

  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Email appearance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email appearance" })).toBeVisible();
  const field = page.getByLabel("Brand colour (hex code)");
  await expect(field).toHaveValue("#1d4ed8");
  const band = page.getByTestId("email-preview").getByText("Hillside Dental", { exact: true });
  await expect(band).toHaveCSS("background-color", "rgb(29, 78, 216)");
  await expectAccessible(page);

  await field.fill("#FFD700");
  await page.getByRole("button", { name: "Save the colour" }).click();
  await expect(
    page.getByText(
      "White text on #ffd700 has a contrast of 1.40:1; buttons need at least 4.5:1. Choose a darker colour.",
    ),
  ).toBeVisible();
  await expect(field).toHaveValue("#FFD700"); // what was typed is kept
  await expectAccessible(page);

  await field.fill("#14532D");
  await page.getByRole("button", { name: "Save the colour" }).click();
  await expect(page.getByText("Saved. Emails from now on use the new colour.")).toBeVisible();
  await expect(band).toHaveCSS("background-color", "rgb(20, 83, 45)");
  await expectAccessible(page);
  const { rows } = await db.query<{ brandColor: string }>(`SELECT "brandColor" FROM practice WHERE id = $1`, [
    practiceId,
  ]);
  expect(rows[0]!.brandColor).toBe("#14532d");
});

test("the admin opens an outbox email's HTML version, served sandboxed", async ({ page, db }) => {
  // An email kept in the outbox (these servers send by SMTP, so one is written as the portal would).
  const id = `e2e_outbox_${randomUUID()}`;
  const subject = `Riverside Family Medicine: reset your password ${id.slice(-8)}`;
  await db.query(
    `INSERT INTO outbox_email (id, "to", subject, text, html, status, "updatedAt")
     VALUES ($1, $2, $3, 'Choose a new password here:', $4, 'STORED', now())`,
    [
      id,
      DEMO.patient.email,
      subject,
      `<!DOCTYPE html><html lang="en"><head><title>${subject}</title></head><body><h1>${subject}</h1><p style="color:#1f2937">Choose a new password here:</p><script>document.title = "scripted"</script></body></html>`,
    ],
  );
  await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.goto("/staff/outbox");
  await expectAccessible(page);
  const link = page.getByRole("link", { name: `View the HTML version of “${subject}”` });
  await expect(link).toHaveAttribute("href", `/staff/outbox/${id}/html`);
  const response = await page.request.get(`/staff/outbox/${id}/html`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-security-policy"]).toBe(
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  );
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page).toHaveTitle(subject); // its script did not run
});
