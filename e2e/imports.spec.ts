import { randomUUID } from "node:crypto";
import { expect, expectAccessible, signInAsNewStaff, test } from "./support/fixtures";
import { ENROLLMENT_FILE_ACCOUNT_NUMBER } from "./support/test-numbers";

/** An IMPSCIF line with fields by position (docs/files.md). */
const row = (f: Record<number, string>) =>
  Array.from({ length: 48 }, (_, i) => (i === 0 ? "IMPSCIF" : (f[i + 1] ?? ""))).join("|");

test("staff import a balance file with bad rows, see why each was refused, and download the acknowledgement", async ({
  page,
  db,
}) => {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const good = (n: number, amount: string) =>
    row({
      2: `P-${suffix}-${n}`,
      3: "Morgan",
      5: "Ellis",
      6: "19850412",
      8: `ST-IMP-${suffix}-${n}`,
      9: amount,
      10: "20261120",
      11: "RFM001",
      23: "A",
    });
  const content = [
    good(1, "240.00"),
    good(2, "not money"),
    good(3, "15.50"),
    row({
      2: `P-${suffix}-4`,
      3: "Lee",
      5: "Ng",
      6: "19900101",
      8: `ST-IMP-${suffix}-4`,
      9: "5.00",
      10: "20261120",
      11: "NOT-OURS",
      23: "A",
    }),
  ].join("\r\n");
  const fileName = `PS_RFM001_20261124_${suffix}.txt`;

  await signInAsNewStaff(page, db);
  await page.getByRole("link", { name: "File imports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "File imports" })).toBeVisible();
  await expectAccessible(page);

  // No file chosen: a clear message, nothing imported, the kind still chosen.
  await page.getByLabel("Balance file (IMPSCIF)").check();
  await page.getByLabel("File (.txt, pipe-delimited)").evaluate((input) => input.removeAttribute("required"));
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.getByText("Choose a file to upload.")).toBeVisible();
  await expect(page.getByLabel("Balance file (IMPSCIF)")).toBeChecked();

  await page
    .getByLabel("File (.txt, pipe-delimited)")
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(content) });
  // The file's own time goes with it (the balance is weighed against it: docs/files.md).
  await expect(page.locator('input[type="hidden"][name="lastModified"]')).toHaveValue(/^\d{13}$/);
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: fileName })).toBeVisible();
  await expect(page.getByTestId("import-kind")).toHaveText("Balance file");
  await expect(page.getByTestId("accepted-count")).toHaveText("2");
  await expect(page.getByTestId("rejected-count")).toHaveText("2");
  await expect(page.getByText(/Line 2:.*Amount due/)).toBeVisible();
  await expect(page.getByText(/Line 4:.*Client ID is not this practice's/)).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download acknowledgement/ }).click();
  const ack = await download;
  expect(ack.suggestedFilename()).toBe(`IMIFACK_PS_RFM001_20261124_${suffix}.txt`);
  const lines = (await (await ack.createReadStream()).toArray()).join("").trimEnd().split("\n");
  expect(lines.map((l) => l.split("|").slice(0, 4).join("|"))).toEqual([
    "IMIFACK|1|IMPSCIF|A",
    "IMIFACK|2|IMPSCIF|R",
    "IMIFACK|3|IMPSCIF|A",
    "IMIFACK|4|IMPSCIF|R",
  ]);

  // The same file again changes nothing and says so.
  await page.goto("/staff/imports");
  await page.getByLabel("Balance file (IMPSCIF)").check();
  await page
    .getByLabel("File (.txt, pipe-delimited)")
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(
    page.getByText("This exact file was imported before; nothing was changed this time."),
  ).toBeVisible();

  // The imported statement is there for staff to find.
  await page.goto("/staff");
  await page.getByRole("searchbox", { name: "Search" }).fill(`ST-IMP-${suffix}-1`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("link", { name: /Ellis, Morgan/ })).toBeVisible();
});

/** An APCD line with fields by position (docs/files.md). */
const apcd = (f: Record<number, string>) =>
  Array.from({ length: 36 }, (_, i) => (i === 0 ? "APCD" : (f[i + 1] ?? ""))).join("|");

test("staff import an autopay enrolment file with a bad row, see the result, and download the APCACK", async ({
  page,
  db,
}) => {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const accountNumber = `A-APC-${suffix}`;
  // An account the PMS's balance file would have made.
  const accountId = `e2e_${randomUUID()}`;
  await db.query(
    `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "updatedAt")
     SELECT $1, id, $2, 'Quinn', 'Harper', now() FROM practice WHERE "clientId" = 'RFM001'`,
    [accountId, accountNumber],
  );
  const row = (n: number, extra: Record<number, string> = {}) =>
    apcd({
      2: String(n),
      3: accountNumber,
      8: "Harper",
      9: `M-${suffix}`,
      10: "Quinn",
      11: "Harper",
      23: "Quinn",
      24: "Harper",
      26: "011000015",
      27: ENROLLMENT_FILE_ACCOUNT_NUMBER,
      28: "Checking",
      34: "Y",
      35: "150.00",
      ...extra,
    });
  const content = ["APCH|2|11242026", row(1), row(2, { 26: "011000016" })].join("\r\n");
  const fileName = `APC_RFM001_20261124_${suffix}.txt`;

  await signInAsNewStaff(page, db);
  await page.goto("/staff/imports");
  await expect(page.getByRole("group", { name: "Kind of file" })).toBeVisible();

  // The wrong kind chosen: told so, nothing imported.
  await page.getByLabel("Balance file (IMPSCIF)").check();
  await page
    .getByLabel("File (.txt, pipe-delimited)")
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.getByText(/That file looks like autopay enrolment \(APCH, APCD\)/)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Autopay enrolment (APCH, APCD)").check();
  await page
    .getByLabel("File (.txt, pipe-delimited)")
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: fileName })).toBeVisible();
  await expect(page.getByTestId("import-kind")).toHaveText("Autopay enrolment");
  await expect(page.getByTestId("accepted-count")).toHaveText("1");
  await expect(page.getByTestId("rejected-count")).toHaveText("1");
  await expect(page.getByText(/Line 3:.*Bank routing number \(field 26\)/)).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download acknowledgement/ }).click();
  const ack = await download;
  expect(ack.suggestedFilename()).toBe(`APCACK_APC_RFM001_20261124_${suffix}.txt`);
  const lines = (await (await ack.createReadStream()).toArray()).join("").trimEnd().split("\n");
  expect(lines).toEqual([
    "APCACK|1|A",
    "APCACK|2|R|26|BAD_ROUTING_NUMBER|Bank routing number (field 26) is not a valid 9-digit ABA routing number.",
  ]);

  // The account is on autopay with the vaulted bank account: last 4 only.
  await page.goto(`/staff/accounts/${accountId}`);
  const autopay = page.getByRole("heading", { name: "Autopay", exact: true }).locator("..");
  await expect(autopay).toContainText("Active");
  await expect(autopay).toContainText("••7531");
  await expect(autopay).toContainText("$150.00");
  await expect(page.getByText(ENROLLMENT_FILE_ACCOUNT_NUMBER)).toHaveCount(0);
});

test("a balance file over 10 MB arrives whole and is imported; one over 50 MB is refused as too large", async ({
  page,
  baseURL,
  db,
}) => {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const good = (n: number) =>
    row({
      2: `P-BIG-${suffix}-${n}`,
      3: "Avery",
      5: "Stone",
      6: "19791102",
      8: `ST-BIG-${suffix}-${n}`,
      9: "42.00",
      10: "20261120",
      11: "RFM001",
      23: "A",
    });
  // ~12 MB: a good row first and last, rows of another practice between (refused, each named in
  // the acknowledgement). The last row is accepted only if the whole file arrived.
  const filler = row({
    2: "P-OTHER",
    3: "Pat",
    5: "Else",
    6: "19700101",
    8: "ST-OTHER",
    9: "1.00",
    10: "20261120",
    11: "NOT-OURS",
    12: "x".repeat(14_000),
    23: "A",
  });
  const count = Math.ceil((12 * 1024 * 1024) / filler.length);
  const big = [good(1), ...Array<string>(count).fill(filler), good(2)].join("\r\n");
  expect(big.length).toBeGreaterThan(12 * 1024 * 1024);

  await signInAsNewStaff(page, db);
  const upload = (name: string, buffer: Buffer) =>
    page.request.post("/staff/imports/upload", {
      headers: { origin: new URL(baseURL!).origin },
      multipart: { kind: "BALANCE", file: { name, mimeType: "text/plain", buffer } },
      maxRedirects: 0,
      timeout: 120_000,
    });
  const accepted = await upload(`PS_RFM001_20261124_${suffix}.txt`, Buffer.from(big));
  expect(accepted.status()).toBe(303);
  const location = accepted.headers()["location"]!;
  expect(location).toMatch(/\/staff\/imports\/[^/?]+$/);
  await page.goto(location);
  await expect(page.getByTestId("accepted-count")).toHaveText("2");
  await expect(page.getByTestId("rejected-count")).toHaveText(String(count));

  const tooLarge = await upload(`PS_RFM001_20261124_${suffix}_2.txt`, Buffer.alloc(51 * 1024 * 1024, "x"));
  expect(tooLarge.status()).toBe(303);
  await page.goto(tooLarge.headers()["location"]!);
  await expect(page.getByText("That file is over 50 MB.")).toBeVisible();
});
