import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { E2E_DATABASE_URL } from "./support/ports";
import { DEMO, expect, expectAccessible, signIn, signInAsNewStaff, test } from "./support/fixtures";

const run = promisify(execFile);

/** The practice's day (America/New_York) `n` days before today, as YYYY-MM-DD. */
const practiceDay = (daysBack: number) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() - daysBack * 86_400_000));

/** `npm run posting` against the browser tests' database, as an operator would run it. */
const posting = (args: string[]) =>
  run(
    process.execPath,
    ["--import", "./scripts/server-only.mjs", "--import", "tsx", "scripts/posting.ts", ...args],
    {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, DB_AUTO_MIGRATE: "false" },
    },
  );

test("an end-of-day posting file written with npm run posting is listed under File exports and downloads as written; a patient cannot", async ({
  page,
  browser,
  clientIp,
  db,
}) => {
  test.setTimeout(120_000);
  // A card payment at noon three days ago: that business day has closed (cut-off 17:00) and the
  // daily job never writes IMDPA 1.3 for the demo practice, so only this test makes the file.
  const day = practiceDay(3);
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "gatewayTransactionId", "authorizationCode", "methodKind", brand, last4, "capturedAt",
       "createdAt", "updatedAt")
     SELECT 'e2e_posting_payment', a."practiceId", a.id, 'WEB', 'CAPTURED', 4321, 'e2e_posting_payment',
       'R-E2E-POSTING', 'txn_e2e_posting', 'AU1234', 'CARD', 'visa', '4242', t.at, t.at, now()
     FROM account a, (SELECT ($1::date + time '12:00') AT TIME ZONE 'America/New_York' AS at) t
     WHERE a."accountNumber" = 'A-1001'
     ON CONFLICT (id) DO NOTHING`,
    [day],
  );

  // Bad arguments get a sentence and the usage.
  const bad = await posting(["--date", day, "--format", "pdf"]).catch(
    (error: { code: number; stderr: string }) => error,
  );
  expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("--format must be one of") });

  const dir = await mkdtemp(path.join(tmpdir(), "posting-e2e-"));
  const fileName = `IMDPA13_RFM001_${day.replaceAll("-", "")}.txt`;
  let written: string;
  try {
    await posting(["--date", day, "--format", "imdpa-1.3", "--out", path.join(dir, fileName)]);
    written = await readFile(path.join(dir, fileName), "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const line = written.split("\n").find((l) => l.includes("|R-E2E-POSTING|"));
  expect(line?.split("|")).toHaveLength(32);
  expect(line).toMatch(
    /^IMDPA13\|sandbox-rfm\|RFM-MAIN\|PORTAL\|CreditCard\|AuthCapt\|43\.21\|VISA\|[0-9a-f]{32}\|AU1234\|/,
  );

  await signInAsNewStaff(page, db);
  await page.getByRole("link", { name: "File exports" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "End-of-day posting files" })).toBeVisible();
  await expect(page.getByText(/Every business day ends at 17:00/)).toBeVisible();
  const table = page.getByRole("table", { name: "End-of-day posting files, newest day first" });
  await expect(table.getByRole("link", { name: fileName })).toHaveCount(1);
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await table.getByRole("link", { name: fileName }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(fileName);
  expect((await (await file.createReadStream()).toArray()).join("")).toBe(written);

  // A patient sees neither the page nor the file.
  const href = await table.getByRole("link", { name: fileName }).getAttribute("href");
  const context = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  const patient = await context.newPage();
  try {
    await signIn(patient, DEMO.patient.email, DEMO.patient.password);
    const direct = await patient.request.get(href!);
    expect(direct.status()).toBe(404);
    expect(await direct.text()).not.toContain("IMDPA13");
  } finally {
    await context.close();
  }
});

test("an admin sees and saves the posting settings, a wrong one is refused with its reason; staff cannot open them", async ({
  page,
  browser,
  clientIp,
  db,
}) => {
  await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.goto("/staff/exports");
  await page.getByRole("link", { name: "Change the posting settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Posting settings" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "IMDPA 1.4" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Lockbox A" })).toBeChecked();
  await expect(page.getByLabel("Business day cut-off (HH:MM)")).toHaveValue("17:00");
  await expectAccessible(page);

  // Lockbox A without its number: refused, said next to the field.
  const lockbox = page.getByLabel("Lockbox number");
  const cutoff = page.getByLabel("Business day cut-off (HH:MM)");
  await lockbox.fill("");
  await page.getByRole("button", { name: "Save posting settings" }).click();
  await expect(page.getByText("Lockbox A needs the lockbox number.")).toBeVisible();
  await expectAccessible(page);
  // A cut-off that is not HH:MM: refused, and what was typed stays.
  await lockbox.fill("104201");
  await cutoff.fill("5pm");
  await page.getByRole("button", { name: "Save posting settings" }).click();
  await expect(page.getByText("Enter the cut-off as HH:MM, from 00:00 to 23:59.")).toBeVisible();
  await expect(cutoff).toHaveValue("5pm");

  // The same settings as before, saved again (other tests rely on them).
  await cutoff.fill("17:00");
  await page.getByRole("button", { name: "Save posting settings" }).click();
  await expect(page.getByText("Posting settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Lockbox number")).toHaveValue("104201");

  const context = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { "X-Forwarded-For": clientIp },
  });
  const staff = await context.newPage();
  try {
    await signInAsNewStaff(staff, db);
    expect((await staff.goto("/staff/posting-settings"))?.status()).toBe(403);
    await staff.goto("/staff/exports");
    await expect(staff.getByRole("link", { name: "Change the posting settings" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a billing manager asks for a closed day's posting file on File exports and sees it become ready with its link", async ({
  page,
  db,
}) => {
  test.setTimeout(90_000);
  // Nine days back: a closed day no other test writes Lockbox A for (a retry finds it written).
  const day = practiceDay(9);
  const fileName = `LOCKBOXA_RFM001_${day.replaceAll("-", "")}.txt`;
  await signInAsNewStaff(page, db);
  await page.goto("/staff/exports");
  // Today's business day has not closed: refused, with the latest closed day.
  await page.getByLabel("Business day").fill(practiceDay(-1));
  await page.getByLabel("Format").selectOption("lockbox-a");
  await page.getByRole("button", { name: "Produce the day's posting file" }).click();
  await expect(
    page.getByText(/has not closed yet; the latest closed day is \d{4}-\d{2}-\d{2}\./),
  ).toBeVisible();
  await page.getByLabel("Business day").fill(day);
  await page.getByLabel("Format").selectOption("lockbox-a");
  await page.getByRole("button", { name: "Produce the day's posting file" }).click();
  // The answer comes at once; the job writes it in the background.
  await expect(
    page.getByText(
      new RegExp(`\\(${fileName.replaceAll(".", "\\.")}\\) (is being produced|was already written)`),
    ),
  ).toBeVisible();
  await expectAccessible(page);
  const table = page.getByRole("table", { name: "End-of-day posting files, newest day first" });
  await expect(table.getByRole("link", { name: fileName })).toHaveCount(1, { timeout: 30_000 });
  await expect(table.getByTestId("file-progress")).toHaveCount(0);
  await expectAccessible(page);
});
