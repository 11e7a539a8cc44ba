import { randomUUID } from "node:crypto";
import pg from "pg";
import { DEMO, expect, expectAccessible, signIn, signInAsNewStaff, test } from "./support/fixtures";
import { E2E_DATABASE_URL } from "./support/ports";

// An upload returns at once and its import runs as a job; the import's page polls its progress
// (docs/files.md, "Uploads run as jobs"). Then the audit log's search and CSV find what it did.

const ROWS = 20_000;
/** Every 400th row names another practice's client ID: rejected. */
const REJECT_EVERY = 400;

/** An IMPSCIF line with fields by position (docs/files.md). */
const row = (f: Record<number, string>) =>
  Array.from({ length: 48 }, (_, i) => (i === 0 ? "IMPSCIF" : (f[i + 1] ?? ""))).join("|");

const balanceFile = (suffix: string) =>
  Array.from({ length: ROWS }, (_, i) =>
    row({
      2: `P-${suffix}-${i + 1}`,
      3: "Morgan",
      5: "Ellis",
      6: "19850412",
      8: `ST-PRG-${suffix}-${i + 1}`,
      9: `${(i % 90) + 10}.00`,
      10: "20261120",
      11: (i + 1) % REJECT_EVERY === 0 ? "NOT-OURS" : "RFM001",
      23: "A",
    }),
  ).join("\r\n");

type TProgressAnswer = { status: string; rowsDone: number; totalRows: number | null; rejected: number };

test("a large balance file uploads at once, its progress bar moves and finishes with the right counts, and the audit log finds and exports it", async ({
  page,
  db,
}) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const fileName = `PS_RFM001_20261206_${suffix}.txt`;
  // Every progress answer the page polled, in order.
  const answers: TProgressAnswer[] = [];
  page.on("response", async (response) => {
    if (!/\/staff\/imports\/[^/]+\/progress$/.test(new URL(response.url()).pathname)) return;
    answers.push((await response.json().catch(() => ({ status: "unreadable" }))) as TProgressAnswer);
  });

  // Row 7,000 updates a statement that this test holds locked: the import writes the first
  // 5,000 rows, then waits there (a slow database), so the bar is seen partway, whatever the
  // machine's speed; let go, it goes on.
  const held = `ST-PRG-${suffix}-7000`;
  const accountId = `e2e_${randomUUID()}`;
  await db.query(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "updatedAt")
     SELECT $1, id, $2, 'Morgan', 'Ellis', now() FROM practice WHERE "clientId" = 'RFM001'`,
    [accountId, `P-${suffix}-7000`],
  );
  await db.query(
    `INSERT INTO statement (id, "accountId", "statementNumber", "statementDate", "amountDueCents", "balanceCents",
                            "patientFirstName", "patientLastName", "patientDob", "updatedAt")
     VALUES ($1, $2, $3, '2026-10-01', 100, 100, 'Morgan', 'Ellis', '1985-04-12', now())`,
    [`e2e_${randomUUID()}`, accountId, held],
  );
  const staff = await db.createStaff();
  const locker = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await locker.connect();
  try {
    await locker.query("BEGIN");
    await locker.query(`SELECT 1 FROM statement WHERE "statementNumber" = $1 FOR UPDATE`, [held]);

    await signIn(page, staff.email, staff.password);
    await page.goto("/staff/imports");
    await page.getByLabel("Balance file (IMPSCIF)").check();
    await page
      .getByLabel("File (.txt, pipe-delimited)")
      .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(balanceFile(suffix)) });
    await page.getByRole("button", { name: "Import file" }).click();

    // The upload answered with the import's page before the import was done.
    await expect(page.getByRole("heading", { level: 1, name: fileName })).toBeVisible();
    await expect(page.getByRole("progressbar")).toBeVisible();
    // Partway: the first 5,000 rows done (12 of them rejected), the time left estimated.
    await expect(page.getByTestId("import-progress-text")).toHaveText(
      /^5,000 of 20,000 rows done, 12 rejected so far, (about \d+ (seconds?|minutes|hours)|less than a second) left\.$/,
    );
    await expect(page.getByRole("progressbar")).toHaveAttribute("value", "5000");
    await expect(page.getByRole("progressbar")).toHaveAttribute("max", String(ROWS));
    await expect(page.getByTestId("import-progress").getByText("Importing", { exact: true })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await locker.query("ROLLBACK");
    await locker.end();
  }
  const importId = new URL(page.url()).pathname.split("/").at(-1)!;
  const bar = page.getByRole("progressbar");

  // It finishes on its own: the page says so, with the counts.
  await expect(page.getByTestId("import-progress").getByRole("status")).toHaveText("The import is done.", {
    timeout: 120_000,
  });
  await expect(page.getByTestId("import-progress-text")).toHaveText(
    `${ROWS.toLocaleString("en-US")} of ${ROWS.toLocaleString("en-US")} rows done, ${ROWS / REJECT_EVERY} rejected.`,
  );
  await expect(bar).toHaveAttribute("value", String(ROWS));
  await expect(bar).toHaveAttribute("max", String(ROWS));
  await expect(page.getByTestId("accepted-count")).toHaveText(String(ROWS - ROWS / REJECT_EVERY));
  await expect(page.getByTestId("rejected-count")).toHaveText(String(ROWS / REJECT_EVERY));
  await expect(page.getByText(`Line ${REJECT_EVERY}:`, { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The bar moved: the page asked while the import ran and saw part of it done, never less
  // than before, then the end; once done it asks no more.
  const running = answers.filter((a) => a.status === "PROCESSING");
  expect(running.some((a) => a.rowsDone > 0 && a.rowsDone < ROWS && a.totalRows === ROWS)).toBe(true);
  const done = answers.map((a) => a.rowsDone);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  expect(answers.at(-1)).toMatchObject({
    status: "PROCESSED",
    rowsDone: ROWS,
    rejected: ROWS / REJECT_EVERY,
  });
  const asked = answers.length;
  await page.waitForTimeout(2_500);
  expect(answers).toHaveLength(asked);

  // Every row once: the statements are there, the rejected ones are not.
  const { rows: counted } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM statement WHERE "statementNumber" LIKE $1`,
    [`ST-PRG-${suffix}-%`],
  );
  expect(counted[0]!.n).toBe(ROWS - ROWS / REJECT_EVERY);

  // The audit log (admins): found by record id and action family, in the page and the CSV.
  await page.context().clearCookies();
  const admin = await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.goto("/staff/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expectAccessible(page);
  // A date the date picker would not send (typed into the address) is said so, by its field.
  await page.goto("/staff/audit?from=last%20week");
  await expect(page.getByText("Enter a date as YYYY-MM-DD.")).toBeVisible();
  await expect(page.getByLabel("From (first day)")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await page.goto("/staff/audit");
  await page.getByLabel("Record id").fill(importId);
  await page.getByLabel("Action").fill("import.");
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByRole("table", { name: "Audit log entries, newest first" });
  await expect(table.getByRole("row")).toHaveCount(2); // the header and the one import
  await expect(table).toContainText("import.balance_file");
  await expect(table).toContainText(staff.email);
  await expectAccessible(page);

  // Another outcome: nothing.
  await page.getByLabel("Outcome").selectOption("DENIED");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No entries match.")).toBeVisible();
  await page.getByLabel("Outcome").selectOption("");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(table).toContainText("import.balance_file");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csvFile = await download;
  expect(csvFile.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await (await csvFile.createReadStream()).toArray()).join("").trimEnd().split("\r\n");
  expect(csv[0]).toBe(
    "time_utc,time_local,actor,actor_role,actor_user_id,action,outcome,record_type,record_id,ip,user_agent",
  );
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`${staff.email},BILLING_MANAGER,`);
  expect(csv[1]).toContain(`,import.balance_file,SUCCESS,ImportFile,${importId},`);

  // The export is itself in the log.
  await page.goto(`/staff/audit?action=audit.export`);
  await expect(table).toContainText("audit.export");
  await expect(table).toContainText(admin.email);
});

test("the progress and the audit CSV are not there for those without the permission", async ({
  page,
  db,
}) => {
  // Staff without audit.view: the CSV is "not found" (its page says forbidden).
  await signInAsNewStaff(page, db);
  expect((await page.request.get("/staff/audit/export")).status()).toBe(404);
  // A patient: neither an import's progress nor the audit CSV.
  await page.context().clearCookies();
  await signIn(page, DEMO.patient.email, DEMO.patient.password);
  expect((await page.request.get("/staff/imports/anything/progress")).status()).toBe(404);
  expect((await page.request.get("/staff/audit/export")).status()).toBe(404);
});
