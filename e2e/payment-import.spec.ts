import { randomUUID } from "node:crypto";
import { expect, expectAccessible, signInAsNewStaff, test } from "./support/fixtures";
import { PAYMENT_FILE_CARD_NUMBER } from "./support/test-numbers";

/** An IMPTI10 line with fields by position (docs/files.md), 38 fields. */
const row = (f: Record<number, string>) =>
  Array.from({ length: 38 }, (_, i) => (i === 0 ? "IMPTI10" : (f[i + 1] ?? ""))).join("|");

test("staff upload payments taken elsewhere: the good row is recorded, a bad row and a full card number are refused, and the IMIA10 acknowledgement downloads", async ({
  page,
  db,
}) => {
  const statement = await db.cloneStatement("ST-1002", "ST-PAYIMP");
  const {
    rows: [account],
  } = await db.query<{ accountNumber: string }>(`SELECT "accountNumber" FROM account WHERE id = $1`, [
    statement.accountId,
  ]);
  const accountNumber = account!.accountNumber;
  const { rows: before } = await db.query<{ balanceCents: number }>(
    `SELECT "balanceCents" FROM statement WHERE id = $1`,
    [statement.id],
  );
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const common = { 6: "AuthCapt", 7: "20261120", 30: accountNumber };
  const content = [
    row({ ...common, 5: "Cash", 8: "25.00", 16: "Taylor Lockwood" }),
    row({ ...common, 5: "Cash", 8: "ten dollars" }),
    row({ ...common, 5: "CreditCard", 8: "5.00", 9: "VISA", 11: PAYMENT_FILE_CARD_NUMBER }),
  ].join("\r\n");
  const fileName = `PT_RFM001_20261124_${suffix}.txt`;
  const digits = PAYMENT_FILE_CARD_NUMBER.replace(/\s/g, "");

  await signInAsNewStaff(page, db);
  await page.getByRole("link", { name: "File imports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "File imports" })).toBeVisible();
  await page.getByLabel("Payment transactions (IMPTI10)").check();
  await expectAccessible(page);
  await page
    .getByLabel("File (.txt, pipe-delimited)")
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import file" }).click();

  await expect(page.getByRole("heading", { level: 1, name: fileName })).toBeVisible();
  await expect(page.getByTestId("import-kind")).toHaveText("Payment transactions");
  await expect(page.getByTestId("accepted-count")).toHaveText("1");
  await expect(page.getByTestId("rejected-count")).toHaveText("2");
  await expect(page.getByText(/Line 2:.*Amount \(field 8\) is not an amount/)).toBeVisible();
  await expect(page.getByText(/Line 3:.*Card or check number \(field 11\) holds a full card/)).toBeVisible();
  const pageText = await page.locator("main").innerText();
  expect(pageText).not.toContain(digits);
  expect(pageText).not.toContain(PAYMENT_FILE_CARD_NUMBER);
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download acknowledgement/ }).click();
  const ack = await download;
  expect(ack.suggestedFilename()).toBe(`IMIA10_PT_RFM001_20261124_${suffix}.txt`);
  const ackText = (await (await ack.createReadStream()).toArray()).join("");
  expect(ackText).not.toContain(digits);
  expect(
    ackText
      .trimEnd()
      .split("\n")
      .map((l) => l.split("|").slice(0, 6).join("|")),
  ).toEqual([
    "IMIA10|1|IMPTI10|A",
    "IMIA10|2|IMPTI10|R|8|BAD_AMOUNT",
    "IMIA10|3|IMPTI10|R|11|FULL_CARD_NUMBER",
  ]);

  // The recorded payment: on the statement's balance, and on its staff page as cash from the file.
  const { rows: after } = await db.query<{ balanceCents: number }>(
    `SELECT "balanceCents" FROM statement WHERE id = $1`,
    [statement.id],
  );
  expect(after[0]!.balanceCents).toBe(before[0]!.balanceCents - 2500);
  await page.getByRole("link", { name: /^R-20261120-/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Payment R-20261120-/ })).toBeVisible();
  await expect(page.getByText("Cash", { exact: true })).toBeVisible();
  await expect(page.getByTestId("recorded-from")).toContainText(`${fileName}, line 1`);
  await expect(
    page.getByText(/taken outside the portal and recorded from the practice's payment file/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /Void|Refund/ })).toHaveCount(0);
  await expectAccessible(page);
});
