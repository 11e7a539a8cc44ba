import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { hasPermission, type TPermission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  DEMO,
  expect,
  expectAccessible,
  signIn,
  signInAsNewStaff,
  submitLogin,
  test,
  uniqueEmail,
  type TestDb,
} from "./support/fixtures";
import { LOOKUP_NO_MATCH } from "./support/guest";

/**
 * An admin of a second practice (every staff permission), and, in the demo practice, a statement
 * on an account of its own with a payment, a payment plan, an import with its acknowledgement
 * and a sign-up file: the records the stranger asks for by id.
 */
const makeStrangerAndDemoRecords = async (db: TestDb) => {
  const tag = randomUUID().slice(0, 8);
  const id = (what: string) => `e2e_${what}_${randomUUID()}`;
  const practiceId = id("practice");
  await db.query(
    `INSERT INTO practice (id, name, "clientId", "updatedAt") VALUES ($1, 'Lakeside Pediatrics', $2, now())`,
    [practiceId, `LKP-${tag}`],
  );
  const stranger = { email: `admin-${tag}@lakeside.example`, password: "Lakeside-Admin-1" };
  await db.query(
    `INSERT INTO "user" (id, email, "passwordHash", role, "practiceId", "firstName", "lastName", "emailVerifiedAt", "updatedAt")
     VALUES ($1, $2, $3, 'ADMIN', $4, 'Lee', 'Lakeside', now(), now())`,
    [id("user"), stranger.email, await hashPassword(stranger.password), practiceId],
  );
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-SCOPE");
  const { rows: accounts } = await db.query<{ practiceId: string; accountNumber: string }>(
    `SELECT "practiceId", "accountNumber" FROM account WHERE id = $1`,
    [statement.accountId],
  );
  const demoPracticeId = accounts[0]!.practiceId;
  const paymentId = id("payment");
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "methodKind", brand, last4, "capturedAt", "updatedAt")
     VALUES ($1, $2, $3, 'WEB', 'CAPTURED', 1000, $1, $4, 'CARD', 'visa', '1111', now(), now())`,
    [paymentId, demoPracticeId, statement.accountId, `R-SCOPE-${tag}`],
  );
  const methodId = id("method");
  await db.query(
    `INSERT INTO payment_method (id, "accountId", kind, "gatewayToken", brand, last4, "expMonth", "expYear", "updatedAt")
     VALUES ($1, $2, 'CARD', $1, 'visa', '4242', 12, 2030, now())`,
    [methodId, statement.accountId],
  );
  const planId = id("plan");
  await db.query(
    `INSERT INTO payment_plan (id, "accountId", "paymentMethodId", "totalCents", "installmentCents",
       "installmentCount", frequency, "dayOfMonth", "startDate", "agreementText", "agreementVersion", "agreedAt", "updatedAt")
     VALUES ($1, $2, $3, 6000, 3000, 2, 'MONTHLY', 1, DATE '2026-12-01', 'e2e', 'e2e', now(), now())`,
    [planId, statement.accountId, methodId],
  );
  await db.query(
    `INSERT INTO payment_plan_statement ("planId", "statementId", "updatedAt") VALUES ($1, $2, now())`,
    [planId, statement.id],
  );
  const importId = id("import");
  await db.query(
    `INSERT INTO import_file (id, "practiceId", kind, "fileName", sha256, status, "ackFileName", "updatedAt")
     VALUES ($1, $2, 'BALANCE', $3, $1, 'PROCESSED', $4, now())`,
    [importId, demoPracticeId, `PS_SCOPE_${tag}.txt`, `ACK_SCOPE_${tag}.txt`],
  );
  await db.query(
    `INSERT INTO import_file_ack_chunk ("fileId", seq, content) VALUES ($1, 0, 'ACK SCOPE LINE\n')`,
    [importId],
  );
  const signupFileId = id("signup");
  // A day of its own (one file a day per practice and mode), long before any test's.
  const day = `2001-${String(1 + (parseInt(tag.slice(0, 2), 16) % 12)).padStart(2, "0")}-${String(1 + (parseInt(tag.slice(2, 4), 16) % 28)).padStart(2, "0")}`;
  await db.query(
    `INSERT INTO signup_file (id, "practiceId", mode, "businessDay", "windowEnd", "fileName", status, "rowCount",
       "byteCount", "producedBy", "completedAt", "updatedAt")
     VALUES ($1, $2, 'FULL', $3::date, now(), $4, 'READY', 1, 16, 'e2e', now(), now())`,
    [signupFileId, demoPracticeId, day, `SIGNUP_SCOPE_${tag}.txt`],
  );
  await db.query(
    `INSERT INTO signup_file_chunk ("fileId", seq, content) VALUES ($1, 0, 'SIGNUP SCOPE ROW')`,
    [signupFileId],
  );
  const postingFileId = id("posting");
  await db.query(
    `INSERT INTO posting_file (id, "practiceId", format, "businessDay", "windowStart", "windowEnd", "fileName",
       status, "rowCount", "byteCount", "producedBy", "completedAt", "updatedAt")
     VALUES ($1, $2, 'IMDPA10', $3::date, now(), now(), $4, 'READY', 1, 17, 'e2e', now(), now())`,
    [postingFileId, demoPracticeId, day, `POSTING_SCOPE_${tag}.txt`],
  );
  await db.query(
    `INSERT INTO posting_file_chunk ("fileId", seq, content) VALUES ($1, 0, 'POSTING SCOPE ROW')`,
    [postingFileId],
  );
  const transactionExportId = id("txexport");
  await db.query(
    `INSERT INTO transaction_export (id, "practiceId", "requestedByUserId", "requestedBy", filters, "fileName",
       status, "startedAt", "rowsDone", "totalRows", "rowCount", "byteCount", "completedAt", "updatedAt")
     SELECT $1, $2, u.id, u.email, '', 'transactions-2001-01-01.csv', 'READY', now(), 1, 1, 1, 14, now(), now()
     FROM "user" u WHERE u.email = $3`,
    [transactionExportId, demoPracticeId, DEMO.admin.email],
  );
  await db.query(
    `INSERT INTO transaction_export_chunk ("fileId", seq, content) VALUES ($1, 0, 'CSV SCOPE ROW
')`,
    [transactionExportId],
  );
  // An email to the demo patient kept in the outbox, its HTML part viewable by the practice's admin.
  const outboxEmailId = id("outbox");
  await db.query(
    `INSERT INTO outbox_email (id, "to", subject, text, html, status, "updatedAt")
     VALUES ($1, $2, 'SCOPE mail', 'SCOPE text', '<!DOCTYPE html><html lang="en"><title>SCOPE</title><p>SCOPE HTML</p></html>', 'STORED', now())`,
    [outboxEmailId, DEMO.patient.email],
  );
  return {
    stranger,
    accountNumber: accounts[0]!.accountNumber,
    statementNumber: statement.statementNumber,
    pages: [
      `/staff/payments/${paymentId}`,
      `/staff/accounts/${statement.accountId}`,
      `/staff/statements/${statement.id}`,
      `/staff/plans/${planId}`,
      `/staff/accounts/${statement.accountId}/take-payment`,
      `/staff/accounts/${statement.accountId}/new-plan`,
      `/staff/transactions/exports/${transactionExportId}`,
    ],
    downloads: [
      `/staff/imports/${importId}/ack`,
      `/staff/imports/${importId}/progress`,
      `/staff/exports/${signupFileId}/download`,
      `/staff/exports/${signupFileId}/progress`,
      `/staff/exports/posting/${postingFileId}/download`,
      `/staff/exports/posting/${postingFileId}/progress`,
      `/staff/transactions/exports/${transactionExportId}/download`,
      `/staff/transactions/exports/${transactionExportId}/progress`,
      `/staff/outbox/${outboxEmailId}/html`,
    ],
  };
};

/**
 * Every staff page with the permission its guard asks for (null: any staff member). A page of
 * one record is asked for with an id that does not exist: a role without the permission gets
 * 403 before the id is looked at, a role with it the not-found page.
 */
const STAFF_PAGES: [string, TPermission | null, 200 | 404][] = [
  ["/staff", "reports.view", 200],
  ["/staff/search", "accounts.search", 200],
  ["/staff/transactions", "reports.view", 200],
  ["/staff/deposits", "reports.view", 200],
  ["/staff/transactions/exports/no-such-export", "reports.view", 404],
  ["/staff/roles", null, 200],
  ["/staff/accounts/no-such-account/take-payment", "payments.take", 404],
  ["/staff/accounts/no-such-account/new-plan", "plans.manage", 404],
  ["/staff/accounts/no-such-account", "accounts.view", 404],
  ["/staff/statements/no-such-statement", "accounts.view", 404],
  ["/staff/payments/no-such-payment", "accounts.view", 404],
  ["/staff/plans/no-such-plan", "plans.manage", 404],
  ["/staff/imports", "files.import", 200],
  ["/staff/imports/no-such-import", "files.import", 404],
  ["/staff/exports", "files.export", 200],
  ["/staff/audit", "audit.view", 200],
  ["/staff/outbox", "outbox.view", 200],
  ["/staff/sms", "outbox.view", 200],
  ["/staff/api-keys", "api-keys.manage", 200],
  ["/staff/webhooks", "webhooks.manage", 200],
  ["/staff/webhooks/no-such-endpoint", "webhooks.manage", 404],
  ["/staff/posting-settings", "settings.manage", 200],
  ["/staff/refund-limit", "settings.manage", 200],
  ["/staff/email-appearance", "settings.manage", 200],
  ["/staff/users", "users.manage", 200],
];

const STAFF_ROLES = ["BILLING_MANAGER", "BILLING_CLERK", "AUDITOR"] as const satisfies Role[];

test.describe("staff roles", () => {
  for (const role of STAFF_ROLES) {
    test(`${role} gets 403 on every staff page outside its permissions, and the others open`, async ({
      page,
      db,
    }) => {
      await signInAsNewStaff(page, db, { role });
      await expect(page).toHaveURL(/\/staff$/);
      // Each page's status as the server answers it, with the session's cookies (loading all 27
      // in the browser too took a minute a role); what a refused page shows, in the browser once.
      let refused: string | undefined;
      for (const [path, permission, allowed] of STAFF_PAGES) {
        const response = await page.request.get(path);
        const expected = permission === null || hasPermission(role, permission) ? allowed : 403;
        expect(response.status(), `${role} ${path}`).toBe(expected);
        if (expected === 403) refused ??= path;
      }
      expect(refused, `${role} is refused some page`).toBeDefined();
      expect((await page.goto(refused!))?.status()).toBe(403);
      await expect(
        page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
      ).toBeVisible();
      await expectAccessible(page);
    });
  }
});

/** The permissions of a user's access_denied audit rows, oldest first (one row a refused request). */
const refusalsOf = async (db: TestDb, userId: string) =>
  (
    await db.query<{ permission: string | null }>(
      `SELECT metadata->>'permission' AS permission FROM audit_log
        WHERE "actorUserId" = $1 AND action = 'staff.access_denied' ORDER BY "createdAt", id`,
      [userId],
    )
  ).rows.map((r) => r.permission);

test.describe("refusals in the audit log", () => {
  test("a page refused by its guard layout and by itself is one audit row per request", async ({
    page,
    db,
  }) => {
    const auditor = await signInAsNewStaff(page, db, { role: "AUDITOR", prefix: "auditor" });
    // Each of these has a guard layout as well as the page's own guard.
    for (const path of ["/staff/imports", "/staff/exports", "/staff/imports"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expectAccessible(page);
    }
    expect(await refusalsOf(db, auditor.id)).toEqual(["files.import", "files.export", "files.import"]);
  });

  test("a patient refused by the staff layout, a guard layout and the page is one audit row", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("refused"), password: "Refused-Patient-1" });
    await signIn(page, patient.email, patient.password);
    const response = await page.goto("/staff/imports");
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
    ).toBeVisible();
    expect(await refusalsOf(db, patient.id)).toHaveLength(1);
  });
});

test.describe("authorization", () => {
  test("a patient cannot see another patient's statement or account, nor the staff console", async ({
    page,
    db,
  }) => {
    const otherStatementId = await db.statementId(DEMO.other.statementNumber);
    const otherAccountId = await db.accountId(DEMO.other.accountNumber);
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
    await expectAccessible(page);

    const statement = await page.goto(`/bills/${otherStatementId}`);
    expect(statement?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("$60.00");
    await expect(page.locator("body")).not.toContainText("Jordan");
    await expect(page.locator("body")).not.toContainText(DEMO.other.statementNumber);
    expect(await page.content()).not.toContain("Jordan");
    await expectAccessible(page);

    for (const path of ["/staff", `/staff/accounts/${otherAccountId}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(
        page.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
      ).toBeVisible();
      const html = await page.content();
      for (const secret of ["Jordan", "Smith", DEMO.other.accountNumber, "$60.00", "350 Fifth Avenue"]) {
        expect(html, `${path} must not show ${secret}`).not.toContain(secret);
      }
      await expectAccessible(page);
    }
  });

  test("staff of another practice get the not-found page for the demo practice's records and 404 for its files", async ({
    page,
    browser,
    db,
  }) => {
    const { stranger, accountNumber, statementNumber, pages, downloads } =
      await makeStrangerAndDemoRecords(db);

    // The demo practice's own admin opens each of them: the ids are real.
    const ownContext = await browser.newContext();
    const own = await ownContext.newPage();
    await signInAsNewStaff(own, db, { role: "ADMIN" });
    await expect(own).toHaveURL(/\/staff$/);
    for (const path of pages) {
      const response = await own.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(own.getByRole("heading", { level: 1 })).not.toHaveText("Page not found");
    }
    for (const path of downloads) {
      expect((await own.request.get(path)).status(), path).toBe(200);
    }
    await ownContext.close();

    await signIn(page, stranger.email, stranger.password);
    await expect(page).toHaveURL(/\/staff$/);
    await expectAccessible(page);
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      const html = await page.content();
      for (const secret of [accountNumber, statementNumber, "Taylor", "Lockwood", "$10.00"]) {
        expect(html, `${path} must not show ${secret}`).not.toContain(secret);
      }
      await expectAccessible(page);
    }
    for (const path of downloads) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).not.toContain("SCOPE");
    }
    // Nor does the search find the demo practice's accounts.
    await page.goto(`/staff?q=${encodeURIComponent(accountNumber)}`);
    await expect(
      page.getByRole("heading", { level: 2, name: `No accounts match “${accountNumber}”` }),
    ).toBeVisible();
    await expectAccessible(page);
  });

  test("linking another patient's account with a wrong date of birth fails", async ({ page }) => {
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expectAccessible(page);
    await page.goto("/profile/accounts");
    await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Linked accounts" })).toBeVisible();
    await expectAccessible(page);

    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Link account" }) });
    await form.getByLabel("Statement number").fill(DEMO.other.statementNumber);
    await form.getByLabel("Patient's date of birth").fill(DEMO.guest.dob);
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    );
    await form.getByRole("button", { name: "Link account" }).click();
    await answered;
    await expect(form.getByRole("alert")).toHaveText(LOOKUP_NO_MATCH);
    await expect(page.getByText(/is linked\./)).toHaveCount(0);
    const linked = page.getByRole("list", { name: "Your linked accounts" }).getByRole("listitem");
    await expect(linked).toHaveCount(1);
    await expect(linked).toContainText("Account A-1001");
    await expect(linked).toContainText("Guarantor Pat Rivera");
    await expectAccessible(page);

    await page.goto("/bills");
    await expect(page.getByTestId("total-due")).toHaveText("$1,015.40");
    await expect(page.getByRole("link", { name: /^Statement ST-/ })).toHaveCount(2);
    await expect(page.getByText(DEMO.other.statementNumber)).toHaveCount(0);
    await expectAccessible(page);
  });

  test("an anonymous visitor is sent to sign in, and back to the page asked for afterwards", async ({
    page,
  }) => {
    for (const path of ["/bills", "/profile", "/staff", "/payments"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(`/login?callbackUrl=${encodeURIComponent(path)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expectAccessible(page);
    }
    await page.goto("/payments");
    await submitLogin(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/payments$/);
    await expect(page.getByRole("heading", { level: 1, name: "Payment history" })).toBeVisible();
  });

  test("the HTTP benchmark's bare-insert route is not there unless the benchmark switches it on", async ({
    request,
  }) => {
    // app/api/bench/insert: 404 unless BENCH_BASELINE_ROUTES=on, which only npm run bench:http sets.
    expect((await request.post("/api/bench/insert")).status()).toBe(404);
    expect((await request.get("/api/bench/insert")).status()).toBe(404);
  });

  test("a sign-in link cannot send anyone to another site, however the address is disguised", async ({
    page,
    baseURL,
  }) => {
    // A tab, a newline or a carriage return (browsers drop them), a backslash (read as "/"), "//".
    for (const callbackUrl of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\\evil.example",
      "//evil.example",
    ]) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await submitLogin(page, DEMO.patient.email, DEMO.patient.password);
      await expect(page, JSON.stringify(callbackUrl)).not.toHaveURL(/\/login/);
      await page.waitForLoadState("load");
      expect(new URL(page.url()).origin, JSON.stringify(callbackUrl)).toBe(new URL(baseURL!).origin);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });
});
