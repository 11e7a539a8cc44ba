import { createHash, randomInt, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { TOTP_PERIOD_SECONDS, totpCode, totpStep } from "@/lib/auth/mfa/totp";
import { WCAG_TAGS } from "@/lib/test/wcag";
import { E2E_DATABASE_URL, E2E_SECRETS, SMTP_SINK } from "./ports";

/** The fixed demo data (docs/product.md §4). */
export const DEMO = {
  patient: { email: "pat@example.com", password: "Demo-Patient-1" },
  staff: { email: "staff@example.com", password: "Demo-Staff-1" },
  admin: { email: "admin@example.com", password: "Demo-Admin-1" },
  clerk: { email: "clerk@example.com", password: "Demo-Clerk-1" },
  auditor: { email: "auditor@example.com", password: "Demo-Auditor-1" },
  guest: { statementNumber: "ST-1001", accountNumber: "A-1001", dob: "1980-01-01", zip: "19103" },
  other: { statementNumber: "ST-2001", accountNumber: "A-2001", dob: "1975-06-15", zip: "10001" },
} as const;

export { WCAG_TAGS };

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now and expects no violations. */
export const expectAccessible = async (page: Page) => {
  await page.waitForLoadState("load");
  // Next streams a dynamic page's metadata after its body: wait for the <title> (every page has
  // one; a page without would fail here, by name) so axe never sees the page half-streamed.
  await expect(page, `a <title> on ${page.url()}`).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  }));
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
};

/**
 * TOTP secrets of the users the tests enrolled in this run, shared by the workers: a folder of
 * this run (named after its own auth secret, made once per run), a file per email address.
 */
const totpDir = path.join(
  tmpdir(),
  "portal-e2e-totp",
  createHash("sha256").update(E2E_SECRETS.authSecret).digest("hex").slice(0, 16),
);
const totpFile = (email: string) =>
  path.join(totpDir, createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 32));
const totpSecrets = new Map<string, string>();

/** Remembers the TOTP secret a test enrolled `email` with (other workers read it from the file). */
export const rememberTotpSecret = (email: string, secret: string) => {
  totpSecrets.set(email.toLowerCase(), secret);
  mkdirSync(totpDir, { recursive: true });
  writeFileSync(totpFile(email), secret);
};

/** The TOTP secret `email` was enrolled with in this run. */
export const totpSecretOf = (email: string) => {
  const known = totpSecrets.get(email.toLowerCase());
  if (known) return known;
  const secret = readFileSync(totpFile(email), "utf8");
  totpSecrets.set(email.toLowerCase(), secret);
  return secret;
};

let signInPool: pg.Pool | undefined;
const e2ePool = () =>
  (signInPool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2, allowExitOnIdle: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A code of `secret` the server will take: each step is accepted once per user (replay), so the
 * step is the first after the user's last used one (read from the database) among the steps the
 * server accepts now (the one before only while 5 seconds of the current step are left, so it cannot go
 * stale on the way); when every one is used, the next step is waited for.
 */
export const nextTotpCode = async (email: string, secret: string) => {
  for (;;) {
    const { rows } = await e2ePool().query<{ totpLastStep: number | null }>(
      `SELECT "totpLastStep" FROM "user" WHERE email = $1`,
      [email.toLowerCase()],
    );
    const lastStep = rows[0]?.totpLastStep ?? null;
    const now = new Date();
    const step = totpStep(now);
    const msLeftInStep = (step + 1) * TOTP_PERIOD_SECONDS * 1000 - now.getTime();
    const candidates = [...(msLeftInStep > 5_000 ? [step - 1] : []), step, step + 1];
    const usable = candidates.find((s) => lastStep === null || s > lastStep);
    if (usable !== undefined) return totpCode(secret, new Date(usable * TOTP_PERIOD_SECONDS * 1000));
    await sleep(msLeftInStep + 50);
  }
};

/** The running test's info, or null outside a test (a hook with none). */
const currentTestInfo = () => {
  try {
    return base.info();
  } catch {
    return null;
  }
};

/** The login page's languages axe has passed in this worker (`expectLoginPageAccessible`). */
const loginPagesChecked = new Set<string | null>();

/**
 * axe on the login page, once per worker and language: every sign-in of the run opens the same
 * page, and it took an axe run each time (a second or so, 126 sign-ins).
 */
const expectLoginPageAccessible = async (page: Page) => {
  const lang = await page.locator("html").getAttribute("lang");
  if (loginPagesChecked.has(lang)) return;
  await expectAccessible(page);
  loginPagesChecked.add(lang);
};

/**
 * Signs in through the login form (checking that page too) and waits to leave /login. The second
 * factor is handled as a person would: asked to enrol (a staff user's first sign-in), it reads
 * the text secret, enrols with a code of it, remembers the secret and goes on past the recovery
 * codes; asked for a code, it computes one. Sign-ins of one email are one at a time across the
 * workers (an advisory lock in the e2e database), so two never race for its enrolment or a step.
 */
export const signIn = async (page: Page, email: string, password: string) => {
  // Waiting for another worker's sign-in of this email, or for a fresh step (at most 3 codes a
  // user in 30 seconds), is time the test itself did not spend: the test gets it on top of its
  // timeout (an allowance while waiting, then exactly the time waited).
  const info = currentTestInfo();
  const timeout = info?.timeout ?? 0;
  const startedAt = Date.now();
  if (timeout > 0) info?.setTimeout(timeout + 120_000);
  let waitedMs = 0;
  const lock = await e2ePool().connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [`e2e-sign-in:${email.toLowerCase()}`]);
    waitedMs += Date.now() - startedAt;
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expectLoginPageAccessible(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // Never "/" either: a signed-in user is sent on from there (home, or the second factor).
    await expect(page).toHaveURL((url) => url.pathname !== "/login" && url.pathname !== "/");
    await page.waitForLoadState();
    const pathname = () => new URL(page.url()).pathname;
    if (pathname() === "/mfa/enrol") {
      const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
      const codeAskedAt = Date.now();
      const code = await nextTotpCode(email, secret);
      waitedMs += Date.now() - codeAskedAt;
      await page.getByLabel("Code from your app").fill(code);
      await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
      await expect(page.getByTestId("recovery-codes")).toBeVisible();
      rememberTotpSecret(email, secret);
      await page.getByRole("link", { name: /continue/ }).click();
      await expect(page).not.toHaveURL(/\/mfa/);
    } else if (pathname() === "/mfa") {
      const codeAskedAt = Date.now();
      const code = await nextTotpCode(email, totpSecretOf(email));
      waitedMs += Date.now() - codeAskedAt;
      await page.getByLabel("Code", { exact: true }).fill(code);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).not.toHaveURL(/\/mfa/);
    }
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`e2e-sign-in:${email.toLowerCase()}`]);
    lock.release();
    if (timeout > 0) info?.setTimeout(timeout + waitedMs);
  }
};

/** Signs in as a new staff login (TestDb.createStaff: BILLING_MANAGER unless told) and returns it. */
export const signInAsNewStaff = async (
  page: Page,
  db: TestDb,
  options?: Parameters<TestDb["createStaff"]>[0],
) => {
  const staff = await db.createStaff(options);
  await signIn(page, staff.email, staff.password);
  return staff;
};

/** Fills the login form and submits it, for tests that expect sign-in to fail. */
export const submitLogin = async (page: Page, email: string, password: string) => {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
};

export type TStaffRole = "BILLING_MANAGER" | "BILLING_CLERK" | "AUDITOR" | "ADMIN";

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@e2e.example.com`;

/** A message as the SMTP sink keeps it: its plain-text part and its HTML part ("" if none). */
export type TMail = { id: number; to: string[]; subject: string; text: string; html: string };

/** Waits for a message to `to` whose subject contains `subject`, as received by the SMTP sink. */
export const waitForMail = async (to: string, subject: string): Promise<TMail> => {
  let found: TMail | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${SMTP_SINK.api}/messages?to=${encodeURIComponent(to.toLowerCase())}`);
        const messages = (await res.json()) as TMail[];
        found = messages.reverse().find((m) => m.subject.includes(subject));
        return Boolean(found);
      },
      { message: `an email to ${to} about "${subject}"`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
};

/** The first link in an email's text that goes to `path`. */
export const linkIn = (mail: TMail, path: string) => {
  const match = new RegExp(`https?://\\S+${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\S*`).exec(mail.text);
  expect(match, `a ${path} link in "${mail.subject}"`).not.toBeNull();
  return match![0];
};

/**
 * Opens an email's HTML part in the page (on about:blank, so no portal page's policy applies)
 * and runs axe on it as on every page; the page is left showing the email.
 */
export const expectAccessibleEmail = async (page: Page, mail: TMail) => {
  expect(mail.html, `an HTML part in "${mail.subject}"`).toMatch(/^<!DOCTYPE html/);
  await page.goto("about:blank");
  await page.setContent(mail.html);
  await expect(page).toHaveTitle(mail.subject);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(
    violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) })),
    `accessibility violations in the email "${mail.subject}"`,
  ).toEqual([]);
};

/** The e2e PostgreSQL database (portal_e2e), for setting up and looking up test data. */
export class TestDb {
  constructor(private readonly pool: pg.Pool) {}

  query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    return this.pool.query<T>(sql, params);
  }

  async statementId(statementNumber: string) {
    const { rows } = await this.query<{ id: string }>(
      `SELECT id FROM statement WHERE "statementNumber" = $1`,
      [statementNumber],
    );
    expect(rows, `statement ${statementNumber} in the e2e database`).toHaveLength(1);
    return rows[0]!.id;
  }

  async accountId(accountNumber: string) {
    const { rows } = await this.query<{ id: string }>(`SELECT id FROM account WHERE "accountNumber" = $1`, [
      accountNumber,
    ]);
    expect(rows, `account ${accountNumber} in the e2e database`).toHaveLength(1);
    return rows[0]!.id;
  }

  /** A verified patient login with no linked accounts, created directly in the database. */
  async createPatient({
    email,
    password,
    firstName = "Casey",
    lastName = "Tester",
  }: {
    email: string;
    password: string;
    firstName?: string;
    lastName?: string;
  }) {
    const id = `e2e_${randomUUID()}`;
    await this.query(
      `INSERT INTO "user" (id, email, "passwordHash", role, "firstName", "lastName", "emailVerifiedAt", "updatedAt")
       VALUES ($1, $2, $3, 'PATIENT', $4, $5, now(), now())`,
      [id, email.toLowerCase(), await hashPassword(password), firstName, lastName],
    );
    return { id, email, password };
  }

  /**
   * A staff login with `role`, made in the database and never signed in (its first sign-in enrols
   * TOTP), of the demo practice unless `practiceId` says otherwise. Tests sign in as one of their
   * own rather than as the seeded demo staff: the server takes each TOTP step once per user, so
   * every test signing in as staff@example.com would share at most three sign-ins in 30 seconds.
   */
  async createStaff({
    role = "BILLING_MANAGER",
    practiceId,
    prefix = "staff",
    firstName = "Morgan",
    lastName = "Staff",
  }: {
    role?: TStaffRole;
    practiceId?: string;
    prefix?: string;
    firstName?: string;
    lastName?: string;
  } = {}) {
    const staff = { id: `e2e_${randomUUID()}`, email: uniqueEmail(prefix), password: "E2e-Staff-Pass-1" };
    const { rowCount } = await this.query(
      `INSERT INTO "user" (id, email, "passwordHash", role, "practiceId", "firstName", "lastName", "emailVerifiedAt", "updatedAt")
       SELECT $1, $2, $3, $4::"Role", p.id, $6, $7, now(), now()
         FROM practice p WHERE p.id = COALESCE($5, (SELECT "practiceId" FROM "user" WHERE email = $8))`,
      [
        staff.id,
        staff.email,
        await hashPassword(staff.password),
        role,
        practiceId ?? null,
        firstName,
        lastName,
        DEMO.admin.email,
      ],
    );
    expect(rowCount, `a ${role} login of practice ${practiceId ?? "(the demo practice)"}`).toBe(1);
    return staff;
  }

  /** Links the account of a statement to a login, as account linking would. */
  async linkStatementAccount(userId: string, statementId: string) {
    await this.query(
      `INSERT INTO account_link (id, "userId", "accountId", "updatedAt")
       SELECT $1, $2, "accountId", now() FROM statement WHERE id = $3`,
      [`e2e_${randomUUID()}`, userId, statementId],
    );
  }

  /**
   * A copy of a statement (with its lines) under a new, unique statement number, on a new
   * account of its own (guarantor and patient Taylor Lockwood) that no login is linked to, so
   * no one's bills or searches change; or, given `accountId`, another statement of that account.
   */
  async cloneStatement(
    fromNumber: string,
    prefix = "ST-E2E",
    { accountId: onAccount }: { accountId?: string } = {},
  ) {
    const suffix = randomUUID().slice(0, 8).toUpperCase();
    const number = `${prefix}-${suffix}`;
    const id = `e2e_${randomUUID()}`;
    const accountId = onAccount ?? `e2e_${randomUUID()}`;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      if (!onAccount) {
        const account = await client.query(
          `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName",
             "guarantorDob", address1, city, state, zip, "updatedAt")
           SELECT $1, a."practiceId", $2, 'Taylor', 'Lockwood',
             a."guarantorDob", a.address1, a.city, a.state, a.zip, now()
           FROM account a JOIN statement s ON s."accountId" = a.id WHERE s."statementNumber" = $3`,
          [accountId, `A-E2E-${suffix}`, fromNumber],
        );
        expect(account.rowCount, `the account of statement ${fromNumber}`).toBe(1);
      }
      const inserted = await client.query(
        `INSERT INTO statement (id, "accountId", "statementNumber", "statementDate", "dueDate", status, currency,
           "totalChargesCents", "insurancePaidCents", "adjustmentsCents", "amountDueCents", "balanceCents",
           "patientFirstName", "patientLastName", "patientDob", "recipientZip", "providerName", "updatedAt")
         SELECT $1, $4, $2, "statementDate", "dueDate", status, currency,
           "totalChargesCents", "insurancePaidCents", "adjustmentsCents", "amountDueCents", "balanceCents",
           'Taylor', 'Lockwood', "patientDob", "recipientZip", "providerName", now()
         FROM statement WHERE "statementNumber" = $3`,
        [id, number, fromNumber, accountId],
      );
      expect(inserted.rowCount, `statement ${fromNumber} to copy`).toBe(1);
      await client.query(
        `INSERT INTO statement_line (id, "statementId", "lineNumber", "serviceDate", description, "procedureCode",
           "chargeCents", "insurancePaidCents", "adjustmentCents", "patientRespCents", "updatedAt")
         SELECT $1 || '_' || l."lineNumber", $1, l."lineNumber", l."serviceDate", l.description, l."procedureCode",
           l."chargeCents", l."insurancePaidCents", l."adjustmentCents", l."patientRespCents", now()
         FROM statement_line l JOIN statement s ON s.id = l."statementId" WHERE s."statementNumber" = $2`,
        [id, fromNumber],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
    return { id, statementNumber: number, accountId };
  }
}

type TWorkerFixtures = { testDb: TestDb };

export const test = base.extend<{ clientIp: string; db: TestDb }, TWorkerFixtures>({
  /**
   * Each test is its own client (the servers trust X-Forwarded-For), so per-IP rate limits and
   * lockouts triggered by one test never affect another.
   */
  clientIp: async ({}, provide) => {
    await provide(`10.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`);
  },
  extraHTTPHeaders: async ({ clientIp }, provide) => {
    await provide({ "X-Forwarded-For": clientIp });
  },
  testDb: [
    async ({}, provide) => {
      const pool = new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2 });
      await provide(new TestDb(pool));
      await pool.end();
    },
    { scope: "worker" },
  ],
  db: async ({ testDb }, provide) => {
    await provide(testDb);
  },
});

export { expect };

/** A server action's post as the browser sent it. */
export type TCapturedAction = { headers: Record<string, string>; body: Buffer };

/**
 * The server action a page posts to `path` while `submit` runs, captured and not let through
 * (the page is then left on its error boundary: go to it again before using it).
 */
export const captureServerAction = async (page: Page, path: string, submit: () => Promise<void>) => {
  let captured: TCapturedAction | undefined;
  await page.route(`**${path}`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { headers: await request.allHeaders(), body: request.postDataBuffer()! };
    return route.abort();
  });
  await submit();
  await expect.poll(() => captured, { message: `a server action posted to ${path}` }).toBeDefined();
  await page.unroute(`**${path}`);
  return captured!;
};

const ACTION_HEADERS = ["content-type", "next-action", "next-router-state-tree", "accept", "x-forwarded-for"];

/** Posts a captured action again, with its own action headers and `headers` (an Origin, a cookie…). */
export const replayServerAction = (
  request: APIRequestContext,
  path: string,
  action: TCapturedAction,
  headers: Record<string, string>,
) =>
  request.post(path, {
    headers: {
      ...Object.fromEntries(Object.entries(action.headers).filter(([name]) => ACTION_HEADERS.includes(name))),
      ...headers,
    },
    data: action.body,
    maxRedirects: 0,
  });
