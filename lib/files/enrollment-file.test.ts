import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createEnrollmentFileCheck,
  formatEnrollmentAckLine,
  isValidRoutingNumber,
  parseEnrollmentDetail,
  parseEnrollmentFile,
  parseEnrollmentHeader,
  writeEnrollmentAck,
} from "@/lib/files/enrollment-file";
import { readLinesFromText, type TLine } from "@/lib/files/read-lines";

const ACCOUNT = "987654321012"; // the secret under test
const ROUTING = "011000015"; // the sandbox's approved routing number

/** A full, valid 36-field detail; `patch` replaces fields by their 1-based position. */
const detail = (patch: Record<number, string> = {}, count = 36) => {
  const f = Array.from({ length: 36 }, () => "");
  const base: Record<number, string> = {
    1: "APCD",
    2: "1",
    3: "A-1001",
    4: "GRP1",
    5: "M1-S1-T1",
    6: "G-1",
    9: "P-1001",
    10: "Pat",
    11: "Smith",
    13: "19800101",
    15: "1 Main St",
    17: "Philadelphia",
    18: "PA",
    19: "19103-1234",
    20: "2155550100",
    21: "pat@example.com",
    23: "Pat",
    24: "Smith",
    26: ROUTING,
    27: ACCOUNT,
    28: "savings",
    34: "Y",
    35: "500.00",
    36: "INSERTUPDATE",
  };
  for (const [k, v] of Object.entries({ ...base, ...patch })) f[Number(k) - 1] = v;
  return f.slice(0, count).join("|");
};

const line = (text: string, lineNumber = 2): TLine => ({ lineNumber, text, isTruncated: false });

const codesOf = (text: string) => {
  const result = parseEnrollmentDetail(line(text));
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe("routing numbers", () => {
  it.each(["011000015", "021000021", "122105278", "011000028"])("accepts %s", (n) => {
    expect(isValidRoutingNumber(n)).toBe(true);
  });
  it.each(["011000016", "01100001", "0110000155", "01100001a", "131000018", "000000000x"])(
    "refuses %s",
    (n) => {
      expect(isValidRoutingNumber(n)).toBe(false);
    },
  );
});

describe("APCH header", () => {
  it("reads the count and either date form", () => {
    expect(parseEnrollmentHeader("APCH|2|02292024")).toEqual({
      ok: true,
      value: { recordCount: 2, fileDate: new Date("2024-02-29T00:00:00Z") },
    });
    expect(parseEnrollmentHeader("APCH|0|02/29/2024")).toMatchObject({ ok: true, value: { recordCount: 0 } });
  });

  it.each([
    ["APCH|2|02302024", ["3:BAD_DATE"]],
    ["APCH|2|02292023", ["3:BAD_DATE"]],
    ["APCH|2|2024-02-29", ["3:BAD_DATE"]],
    ["APCH|2|02-29-2024", ["3:BAD_DATE"]],
    ["APCH|x|02292024", ["2:BAD_NUMBER"]],
    ["APCH||", ["2:MISSING_FIELD", "3:MISSING_FIELD"]],
    ["APCH|2", ["0:FIELD_COUNT"]],
    ["APCD|2|02292024", ["1:BAD_RECORD_ID"]],
  ])("%s → %j", (text, codes) => {
    const result = parseEnrollmentHeader(text);
    expect(result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`)).toEqual(codes);
  });
});

describe("APCD detail", () => {
  it("reads a good detail", () => {
    const result = parseEnrollmentDetail(line(detail()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recordNumber).toBe(1);
    expect(result.detail).toMatchObject({
      accountId: "A-1001",
      memberId: "P-1001",
      memberFirstName: "Pat",
      memberLastName: "Smith",
      birthDate: new Date("1980-01-01T00:00:00Z"),
      zip: "191031234",
      holderLastName: "Smith",
      routingNumber: ROUTING,
      accountType: "Savings",
      isAutopayEnabled: true,
      autopayLimitCents: 50000, // $500.00
      status: "INSERTUPDATE",
    });
    expect(result.detail.bankAccount.last4).toBe("1012");
    expect(result.detail.bankAccount.revealForVault()).toBe(ACCOUNT);
  });

  it("applies the defaults for optional trailing fields (34 is the minimum)", () => {
    const result = parseEnrollmentDetail(line(detail({ 28: "", 34: "n" }, 34)));
    expect(result.ok && result.detail).toMatchObject({
      accountType: "Checking",
      isAutopayEnabled: false,
      autopayLimitCents: null,
      status: "INSERTUPDATE",
    });
    expect(parseEnrollmentDetail(line(detail({ 36: "" }))).ok).toBe(true);
    expect(parseEnrollmentDetail(line(detail({ 28: "BUSINESS", 36: "insertupdate" }))).ok).toBe(true);
  });

  it.each([9, 10, 11, 24, 26, 27, 34])("field %i is required", (pos) => {
    expect(codesOf(detail({ [pos]: "" }))).toEqual([`${pos}:MISSING_FIELD`]);
  });

  it.each([
    [26, "011000016", "BAD_ROUTING_NUMBER"],
    [26, "11000015", "BAD_ROUTING_NUMBER"],
    [27, "12a456", "BAD_ACCOUNT_NUMBER"],
    [27, "123", "BAD_ACCOUNT_NUMBER"],
    [27, "1".repeat(18), "BAD_ACCOUNT_NUMBER"],
    [28, "Money market", "BAD_ACCOUNT_TYPE"],
    [34, "yes", "BAD_FLAG"],
    [35, "-1.00", "NEGATIVE_AMOUNT"],
    [35, "0.00", "BAD_AMOUNT"],
    [35, "12.345", "BAD_AMOUNT"],
    [36, "DELETE", "BAD_STATUS"],
    [13, "19800230", "BAD_DATE"],
    [2, "0", "BAD_NUMBER"],
    [2, "x", "BAD_NUMBER"],
    [10, "x".repeat(26), "TOO_LONG"],
    [18, "XX", "BAD_STATE"],
    [19, "1910", "BAD_ZIP"],
    [21, "nope", "BAD_EMAIL"],
  ])("field %i = %j → %s", (pos, value, code) => {
    expect(codesOf(detail({ [pos]: value }))).toEqual([`${pos}:${code}`]);
  });

  it("a wrong record ID, a wrong field count and an over-long line are reported alone", () => {
    expect(codesOf(detail({ 1: "APCX", 26: "1" }))).toEqual(["1:BAD_RECORD_ID"]);
    expect(codesOf(detail({}, 33))).toEqual(["0:FIELD_COUNT"]);
    expect(codesOf(`${detail()}|x`)).toEqual(["0:FIELD_COUNT"]);
    const long = parseEnrollmentDetail({ lineNumber: 9, text: detail(), isTruncated: true });
    expect(long).toMatchObject({ ok: false, recordNumber: 9, errors: [{ code: "LINE_TOO_LONG" }] });
  });

  it("acks with the detail's record number, or the line number when that is unusable", () => {
    expect(parseEnrollmentDetail(line(detail({ 2: "17", 9: "" }), 5)).recordNumber).toBe(17);
    expect(parseEnrollmentDetail(line(detail({ 2: "" }), 5)).recordNumber).toBe(5);
    expect(parseEnrollmentDetail(line(detail({}, 20), 6)).recordNumber).toBe(6);
  });
});

describe("the whole file", () => {
  const file = (...lines: string[]) => readLinesFromText(lines.join("\r\n"));

  it("accepts a header and matching details, and acks each", async () => {
    const parsed = await parseEnrollmentFile(
      file("APCH|2|01/15/2024", detail(), "", detail({ 2: "2", 26: "011000016" })),
    );
    expect(parsed.isRejected).toBe(false);
    expect(parsed.header).toEqual({ recordCount: 2, fileDate: new Date("2024-01-15T00:00:00Z") });
    expect(parsed.rows.map((r) => [r.lineNumber, r.result.ok])).toEqual([
      [2, true],
      [4, false],
    ]);
    expect(writeEnrollmentAck(parsed)).toBe(
      "APCACK|1|A\n" +
        "APCACK|2|R|26|BAD_ROUTING_NUMBER|Bank routing number (field 26) is not a valid 9-digit ABA routing number.\n",
    );
  });

  it("a count mismatch rejects the whole file and drops the parsed secrets", async () => {
    const parsed = await parseEnrollmentFile(file("APCH|3|01152024", detail(), detail({ 2: "2" })));
    expect(parsed.isRejected).toBe(true);
    expect(parsed.fileErrors.map((e) => e.code)).toEqual(["COUNT_MISMATCH"]);
    expect(parsed.rows.every((r) => !r.result.ok)).toBe(true);
    expect(writeEnrollmentAck(parsed)).toBe(
      "APCACK|0|R|0|COUNT_MISMATCH|The file (field 0) has 2 detail records but its header says 3.\n" +
        "APCACK|1|R|0|FILE_REJECTED|The file (field 0) was rejected as a whole (see the header line of this acknowledgement).\n" +
        "APCACK|2|R|0|FILE_REJECTED|The file (field 0) was rejected as a whole (see the header line of this acknowledgement).\n",
    );
  });

  it.each([
    [[detail()], ["MISSING_HEADER"]],
    [["APCH|1|01152024", "APCH|1|01152024", detail()], ["DUPLICATE_HEADER"]],
    [["APCH|1|13152024", detail()], ["BAD_DATE"]],
    [[], ["MISSING_HEADER"]],
    [["APCH|0|01152024"], []],
  ])("file errors for %j", async (lines, codes) => {
    const parsed = await parseEnrollmentFile(file(...lines));
    expect(parsed.fileErrors.map((e) => e.code)).toEqual(codes);
    expect(parsed.isRejected).toBe(codes.length > 0);
  });

  it("lets the importer reject a row it could not vault", async () => {
    const parsed = await parseEnrollmentFile(file("APCH|1|01152024", detail()));
    const refused = {
      field: 27,
      code: "BAD_ACCOUNT_NUMBER" as const,
      reason: "The bank refused the account.",
    };
    expect(writeEnrollmentAck(parsed, new Map([[2, [refused]]]))).toBe(
      "APCACK|1|R|27|BAD_ACCOUNT_NUMBER|The bank refused the account.\n",
    );
    expect(formatEnrollmentAckLine({ ok: true, recordNumber: 4 })).toBe("APCACK|4|A");
  });
});

describe("the file check, a line at a time (what the importer streams with)", () => {
  it("classifies each line and gives the same file errors as a whole-file parse, holding no row", async () => {
    const lines = ["APCH|3|01152024", detail(), "APCH|1|01152024", detail({ 2: "2" })];
    const check = createEnrollmentFileCheck();
    const kinds = [];
    for await (const l of readLinesFromText(lines.join("\n"))) kinds.push(check.next(l));
    expect(kinds).toEqual(["header", "detail", "header", "detail"]);
    const finished = check.finish();
    expect(finished.detailCount).toBe(2);
    const parsed = await parseEnrollmentFile(readLinesFromText(lines.join("\n")));
    expect(finished.fileErrors).toEqual(parsed.fileErrors);
    expect(finished.fileErrors.map((e) => e.code)).toEqual(["DUPLICATE_HEADER", "COUNT_MISMATCH"]);
  });
});

describe("the bank account number never leaks", () => {
  const leaks = (text: string) => text.includes(ACCOUNT) || text.includes(ACCOUNT.slice(0, 8));

  it("not through JSON, inspect, spread, structuredClone, String() or template literals", () => {
    const result = parseEnrollmentDetail(line(detail()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { bankAccount } = result.detail;
    expect(leaks(JSON.stringify(result))).toBe(false);
    expect(leaks(inspect(result, { depth: Infinity, showHidden: true }))).toBe(false);
    expect(leaks(JSON.stringify({ ...result.detail, bankAccount: { ...bankAccount } }))).toBe(false);
    expect(leaks(JSON.stringify(structuredClone(result)))).toBe(false);
    expect(leaks(String(bankAccount))).toBe(false);
    expect(leaks(`${bankAccount}`)).toBe(false);
    expect(Object.values(bankAccount).some((v) => String(v).includes(ACCOUNT))).toBe(false);
    expect(leaks(formatEnrollmentAckLine(result))).toBe(false);
    expect(String(bankAccount)).toBe("bank account ending 1012");
  });

  it("not through the errors or the ack of any bad row, wherever the number lands", async () => {
    const rows = [
      detail({ 26: "011000016" }), // bad routing, good account
      detail({ 27: `${ACCOUNT}x` }), // bad account
      detail({ 27: `${ACCOUNT}99999999` }), // too long
      detail({ 9: ACCOUNT.repeat(10) }), // in a field that is echoed nowhere but too long
      detail({ 2: ACCOUNT }), // in the record number: too many digits to be echoed
      detail({ 27: `${ACCOUNT}\u0001` }), // control character
      detail({ 1: "APCX" }),
      detail({}, 30),
      `${detail()}|${ACCOUNT}`,
    ];
    const parsed = await parseEnrollmentFile(readLinesFromText(["APCH|9|01152024", ...rows].join("\n")));
    expect(parsed.rows.every((r) => !r.result.ok)).toBe(true);
    expect(leaks(writeEnrollmentAck(parsed))).toBe(false);
    expect(leaks(JSON.stringify(parsed))).toBe(false);
    expect(leaks(inspect(parsed, { depth: Infinity }))).toBe(false);
  });

  it("not through a rejected file's ack, even for rows that were good", async () => {
    const parsed = await parseEnrollmentFile(readLinesFromText(`APCH|5|01152024\n${detail()}\n`));
    expect(leaks(writeEnrollmentAck(parsed))).toBe(false);
    expect(leaks(inspect(parsed, { depth: Infinity, showHidden: true }))).toBe(false);
  });
});
