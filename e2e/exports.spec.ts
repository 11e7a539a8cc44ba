import pg from "pg";
import { DEMO, expect, expectAccessible, signIn, signInAsNewStaff, test } from "./support/fixtures";
import { E2E_DATABASE_URL } from "./support/ports";

/** Accounts on autopay this test adds, so that the file has more than one page of rows to write. */
const BULK = 1_500;

/** Today in the practice's zone (America/New_York) as CCYYMMDD. */
const practiceToday = () =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .format(new Date())
    .replaceAll("-", "");

test("staff ask for today's autopay sign-up file, watch it written by a job until its link appears, get one file however often they ask; a patient cannot", async ({
  page,
  browser,
  clientIp,
  db,
}) => {
  // An account on autopay by bank account, as the PMS's batch enrolment file would leave it. Fixed
  // ids: a retry of this test finds it there (today's file is made once, with whatever was there).
  await db.query(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "guarantorDob", "updatedAt")
     SELECT 'e2e_signup_account', id, 'A-E2E-SIGNUP', 'Morgan', 'Signup', '1990-02-03', now()
     FROM practice WHERE "clientId" = 'RFM001'
     ON CONFLICT (id) DO NOTHING`,
  );
  await db.query(
    `INSERT INTO payment_method (id, "accountId", kind, "gatewayToken", last4, "bankAccountType", "updatedAt")
     VALUES ('e2e_signup_bank', 'e2e_signup_account', 'ACH', 'pm_e2e_signup_bank', '6789', 'SAVINGS', now())
     ON CONFLICT (id) DO NOTHING`,
  );
  await db.query(
    `INSERT INTO autopay_enrollment (id, "accountId", "paymentMethodId", "limitCents", source, "consentText",
       "consentVersion", "consentedAt", "updatedAt")
     VALUES ('e2e_signup_enrollment', 'e2e_signup_account', 'e2e_signup_bank', 15000, 'FILE', 'Batch enrolment',
       'file-v1', now() - interval '1 hour', now())
     ON CONFLICT (id) DO NOTHING`,
  );
  await db.query(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "guarantorDob", "updatedAt")
     SELECT 'e2e_signup_bulk_' || g, p.id, 'A-E2E-BULK-' || lpad(g::text, 5, '0'), 'Pat', 'Loadtest', '1980-01-01', now()
     FROM practice p, generate_series(1, $1::int) g WHERE p."clientId" = 'RFM001'
     ON CONFLICT (id) DO NOTHING`,
    [BULK],
  );
  await db.query(
    `INSERT INTO payment_method (id, "accountId", kind, "gatewayToken", last4, "bankAccountType", "updatedAt")
     SELECT 'e2e_signup_bulk_pm_' || g, 'e2e_signup_bulk_' || g, 'ACH', 'pm_e2e_signup_bulk_' || g, '1111', 'CHECKING', now()
     FROM generate_series(1, $1::int) g
     ON CONFLICT (id) DO NOTHING`,
    [BULK],
  );
  await db.query(
    `INSERT INTO autopay_enrollment (id, "accountId", "paymentMethodId", "limitCents", source, "consentText",
       "consentVersion", "consentedAt", "updatedAt")
     SELECT 'e2e_signup_bulk_en_' || g, 'e2e_signup_bulk_' || g, 'e2e_signup_bulk_pm_' || g, 5000, 'FILE',
       'Batch enrolment', 'file-v1', now() - interval '1 hour', now()
     FROM generate_series(1, $1::int) g
     ON CONFLICT (id) DO NOTHING`,
    [BULK],
  );
  const today = practiceToday();
  const fileName = `IMPSPO_RFM001_${today}_FULL.txt`;

  await signInAsNewStaff(page, db);
  await page.getByRole("link", { name: "File exports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "File exports" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Full/ })).toBeChecked(); // the practice's mode
  await expectAccessible(page);

  // The job writes the file's rows after reading the autopay charges (the next draft date): while
  // this test holds that table locked, the job has counted the rows and waits there, so the
  // row's progress is seen whatever the machine's speed; let go, it goes on.
  const table = page.getByRole("table", { name: "Autopay sign-up files, newest first" });
  const progress = table.getByTestId("file-progress");
  const locker = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await locker.connect();
  let isFirstAsk = false;
  let total = 0;
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE autopay_charge IN ACCESS EXCLUSIVE MODE");
    await page.getByRole("button", { name: "Produce today's file" }).click();
    // The answer comes at once, before the file is written (a retry of this test finds it made).
    const notice = page.getByText(
      new RegExp(
        `(${fileName.replaceAll(".", "\\.")}\\) is being produced\\.|already produced \\(${fileName.replaceAll(".", "\\.")})`,
      ),
    );
    await expect(notice).toBeVisible();
    isFirstAsk = await page.getByText("is being produced. Its progress is shown").isVisible();
    if (isFirstAsk) {
      await expect(progress.getByText(`${fileName}: being written`)).toBeVisible();
      const bar = progress.getByRole("progressbar", { name: `${fileName}: being written` });
      await expect(bar).toHaveAttribute("value", "0");
      total = Number(await bar.getAttribute("max"));
      expect(total).toBeGreaterThan(BULK);
      await expect(progress.getByTestId("file-progress-text")).toHaveText(
        `0 of ${total.toLocaleString("en-US")} rows done.`,
      );
      await expectAccessible(page);
    }
  } finally {
    await locker.query("ROLLBACK");
    await locker.end();
  }
  // It finishes on its own: the row shows the file's link and its rows, all of those counted.
  const link = table.getByRole("link", { name: fileName });
  await expect(link).toHaveCount(1, { timeout: 20_000 });
  await expect(progress).toHaveCount(0);
  if (isFirstAsk) {
    await expect(
      table
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: fileName }) })
        .getByRole("cell")
        .nth(2),
    ).toHaveText(String(total));
  }
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await table.getByRole("link", { name: fileName }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(fileName);
  const text = (await (await file.createReadStream()).toArray()).join("");
  expect(text.endsWith("\n")).toBe(true);
  const lines = text.trimEnd().split("\n");
  expect(lines.length).toBeGreaterThan(BULK);
  for (const line of lines) expect(line.split("|")).toHaveLength(21);
  expect(lines.find((l) => l.includes("|A-E2E-SIGNUP|"))).toMatch(
    /^IMPSPO\|A-E2E-SIGNUP\|RFM001\|Signup\|Morgan\|\|19900203\|\|\|Enrolled\|eCheck\|\|Savings\|\|6789\|\d{8}\|\|150\.00\|\|\|$/,
  );

  // Asking again makes no second file: it says so and offers the same one.
  await page.getByRole("button", { name: "Produce today's file" }).click();
  await expect(page.getByText(`Today's full file was already produced (${fileName}`)).toBeVisible();
  await expect(page.getByText("no second file was made")).toBeVisible();
  await expect(table.getByRole("link", { name: fileName })).toHaveCount(1);
  const again = page.waitForEvent("download");
  await table.getByRole("link", { name: fileName }).click();
  expect((await again).suggestedFilename()).toBe(fileName);
  await expectAccessible(page);

  // A patient sees neither the page nor the file.
  const href = await table.getByRole("link", { name: fileName }).getAttribute("href");
  const context = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  const patient = await context.newPage();
  try {
    await signIn(patient, DEMO.patient.email, DEMO.patient.password);
    const response = await patient.goto("/staff/exports");
    expect(response?.status()).toBe(403);
    await expect(
      patient.getByRole("heading", { level: 1, name: "You don't have access to this page" }),
    ).toBeVisible();
    const direct = await patient.request.get(href!);
    expect(direct.status()).toBe(404);
    expect(await direct.text()).not.toContain("IMPSPO");
  } finally {
    await context.close();
  }
});
