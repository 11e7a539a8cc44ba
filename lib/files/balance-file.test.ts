import { describe, expect, it } from "vitest";
import { formatBalanceAckLine, rejectBalanceAckLine, writeBalanceAck } from "@/lib/files/balance-ack";
import { parseBalanceFileName, parseBalanceLines, parseBalanceRow } from "@/lib/files/balance-file";
import { readLinesFromText } from "@/lib/files/read-lines";

/** A full, valid 48-field row; `patch` replaces fields by their 1-based position. */
const row = (patch: Record<number, string> = {}, count = 48) => {
  const f = Array.from({ length: 48 }, () => "");
  const base: Record<number, string> = {
    1: "IMPSCIF",
    2: "P-1001",
    3: "Pat",
    4: "Q",
    5: "Smith",
    6: "19800101",
    7: "2155550100",
    8: "ST-1001",
    9: "125.40",
    10: "20240115",
    11: "CLIENT1",
    12: "PRV-9",
    13: "Riverside Family Medicine",
    14: "1 Main St",
    16: "Philadelphia",
    17: "PA",
    18: "19103",
    23: "S",
    24: "Summary",
    28: "pat@example.com",
    29: "Pat",
    31: "Smith",
    32: "2 Elm St",
    34: "Philadelphia",
    35: "pa",
    36: "19103",
    37: "1234",
    38: "A-1001",
    39: "Pat",
    40: "Smith",
    41: "MPI-1",
    42: "200.00",
    43: "anything",
    44: "50.00",
    45: "24.60",
    46: "0",
    47: "10.5",
    48: "REF-1",
  };
  for (const [k, v] of Object.entries({ ...base, ...patch })) f[Number(k) - 1] = v;
  return f.slice(0, count).join("|");
};

const errorsOf = (line: string) => {
  const result = parseBalanceRow(line);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe("parseBalanceRow: good rows", () => {
  it("reads every field into a typed record", () => {
    const result = parseBalanceRow(row());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      patientId: "P-1001",
      patientFirstName: "Pat",
      patientMiddleName: "Q",
      patientLastName: "Smith",
      patientDob: new Date("1980-01-01T00:00:00Z"),
      patientPhone: "2155550100",
      statementNumber: "ST-1001",
      amountDueCents: 12540, // $125.40
      invoiceDate: new Date("2024-01-15T00:00:00Z"),
      clientId: "CLIENT1",
      providerState: "PA",
      providerZip: "19103",
      providerStreet2: null,
      dynamicField1: null,
      status: "S",
      isSummaryOnly: true,
      recipientState: "PA", // "pa" in the file
      recipientZip4: "1234",
      totalChargeCents: 20000, // $200.00
      payerPaidCents: 5000, // $50.00
      payerAdjustmentCents: 2460, // $24.60
      patientPaidCents: 0, // "0"
      previousBalanceCents: 1050, // "10.5" → $10.50
      statementReference: "REF-1",
    });
    expect(result.echo).toEqual({ requestType: "IMPSCIF", memberId: "P-1001", groupId: "CLIENT1" });
  });

  it("accepts a row that leaves off trailing optional fields (23 is the minimum)", () => {
    const result = parseBalanceRow(row({}, 23));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.record.statementReference).toBeNull();
  });

  it("trims values and treats blank optional fields as null", () => {
    const result = parseBalanceRow(row({ 2: "  P-1001 ", 3: "   ", 9: " 0.00 " }));
    expect(result.ok && result.record).toMatchObject({
      patientId: "P-1001",
      patientFirstName: null,
      amountDueCents: 0,
    });
  });

  it("accepts Feb 29 in a leap year, 2000 included", () => {
    expect(parseBalanceRow(row({ 10: "20240229" })).ok).toBe(true);
    expect(parseBalanceRow(row({ 10: "20000229" })).ok).toBe(true);
  });

  it("accepts the largest amount", () => {
    const result = parseBalanceRow(row({ 9: "9999999.99" }));
    expect(result.ok && result.record.amountDueCents).toBe(999_999_999); // $9,999,999.99
  });
});

describe("parseBalanceRow: bad rows", () => {
  it.each([
    [2, "MISSING_FIELD"],
    [8, "MISSING_FIELD"],
    [9, "MISSING_FIELD"],
    [10, "MISSING_FIELD"],
    [11, "MISSING_FIELD"],
    [23, "MISSING_FIELD"],
  ])("a missing required field %i is %s", (pos, code) => {
    expect(errorsOf(row({ [pos]: "" }))).toEqual([`${pos}:${code}`]);
  });

  it.each([
    ["20230229", "Feb 29 in a common year"],
    ["19000229", "Feb 29 in 1900 (not a leap year)"],
    ["20240230", "Feb 30"],
    ["20240431", "Apr 31"],
    ["20241301", "month 13"],
    ["20240100", "day 0"],
    ["2024-01-15", "ISO format"],
    ["2024011", "7 digits"],
    ["2024O115", "a letter O"],
    ["18991231", "before 1900"],
  ])("bad invoice date %s (%s)", (date) => {
    expect(errorsOf(row({ 10: date }))).toEqual(["10:BAD_DATE"]);
  });

  it("a bad date of birth is reported on field 6", () => {
    expect(errorsOf(row({ 6: "19800230" }))).toEqual(["6:BAD_DATE"]);
  });

  it.each([
    ["-1.00", "NEGATIVE_AMOUNT"],
    ["1.234", "BAD_AMOUNT"],
    ["$125.40", "BAD_AMOUNT"],
    ["1,250.00", "BAD_AMOUNT"],
    ["12 5.40", "BAD_AMOUNT"],
    [".50", "BAD_AMOUNT"],
    ["1.", "BAD_AMOUNT"],
    ["1e3", "BAD_AMOUNT"],
    ["+5.00", "BAD_AMOUNT"],
    ["abc", "BAD_AMOUNT"],
    ["10000000.00", "AMOUNT_TOO_LARGE"], // $10,000,000.00
    ["99999999999999999999", "AMOUNT_TOO_LARGE"],
  ])("bad amount due %s → %s", (amount, code) => {
    expect(errorsOf(row({ 9: amount }))).toEqual([`9:${code}`]);
  });

  it("a bad optional amount is reported on its own field", () => {
    expect(errorsOf(row({ 44: "-5.00", 47: "x" }))).toEqual(["44:NEGATIVE_AMOUNT", "47:BAD_AMOUNT"]);
  });

  it.each([
    [2, "x".repeat(81), "TOO_LONG"],
    [2, "P", "TOO_SHORT"],
    [3, "x".repeat(26), "TOO_LONG"],
    [5, "x".repeat(81), "TOO_LONG"],
    [8, "x".repeat(81), "TOO_LONG"],
    [8, "S", "TOO_SHORT"],
    [48, "x".repeat(37), "TOO_LONG"],
    [17, "P", "BAD_STATE"],
    [17, "ZZ", "BAD_STATE"],
    [35, "Penn", "BAD_STATE"],
    [18, "1910", "BAD_ZIP"],
    [18, "19103-1234", "BAD_ZIP"],
    [36, "ABCDE", "BAD_ZIP"],
    [37, "123", "BAD_ZIP"],
    [7, "215-555-0100", "BAD_PHONE"],
    [28, "not-an-email", "BAD_EMAIL"],
    [28, "a@b", "BAD_EMAIL"],
    [28, "a b@example.com", "BAD_EMAIL"],
    [13, "Bad\u0001Name", "BAD_CHARACTER"],
    [13, "Caf\ufffd", "BAD_CHARACTER"],
  ])("field %i = %j → %s", (pos, value, code) => {
    expect(errorsOf(row({ [pos]: value }))).toEqual([`${pos}:${code}`]);
  });

  it("the lengths are inclusive", () => {
    expect(parseBalanceRow(row({ 2: "x".repeat(80), 3: "x".repeat(25), 48: "x".repeat(36) })).ok).toBe(true);
  });

  it("reports every bad field at once, in field order", () => {
    expect(errorsOf(row({ 10: "20240230", 2: "", 9: "-1", 17: "XX" }))).toEqual([
      "2:MISSING_FIELD",
      "9:NEGATIVE_AMOUNT",
      "10:BAD_DATE",
      "17:BAD_STATE",
    ]);
  });

  it("a wrong record ID is reported alone", () => {
    expect(errorsOf(row({ 1: "IMPSCIX", 9: "bad" }))).toEqual(["1:BAD_RECORD_ID"]);
    expect(errorsOf("")).toEqual(["1:BAD_RECORD_ID"]);
  });

  it("too few or too many fields is reported alone", () => {
    expect(errorsOf(row({}, 22))).toEqual(["0:FIELD_COUNT"]);
    expect(errorsOf(`${row()}|extra`)).toEqual(["0:FIELD_COUNT"]);
  });

  it("an over-long line is rejected as LINE_TOO_LONG", () => {
    const result = parseBalanceRow({ text: row(), isTruncated: true });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(["LINE_TOO_LONG"]);
    expect(result.echo.memberId).toBe("P-1001");
  });

  it("reasons name the field but never quote the value", () => {
    const result = parseBalanceRow(row({ 9: "12x.40", 5: "SecretSurname".repeat(10) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.reason)).toEqual([
      "Patient last name (field 5) is longer than 80 characters.",
      "Amount due (field 9) is not an amount in dollars with at most two decimals, e.g. 125.40.",
    ]);
    expect(JSON.stringify(result.errors)).not.toContain("SecretSurname");
    expect(JSON.stringify(result.errors)).not.toContain("12x");
  });
});

describe("parseBalanceLines", () => {
  it("parses CRLF and LF files alike, with physical line numbers", async () => {
    const text = [row(), "", row({ 9: "bad" }), row({ 2: "P-2" })];
    const collect = async (eol: string) => {
      const out = [];
      for await (const { lineNumber, result } of parseBalanceLines(readLinesFromText(text.join(eol) + eol))) {
        out.push([lineNumber, result.ok]);
      }
      return out;
    };
    const expected = [
      [1, true],
      [3, false],
      [4, true],
    ];
    expect(await collect("\n")).toEqual(expected);
    expect(await collect("\r\n")).toEqual(expected);
  });
});

describe("IMIFACK", () => {
  it("writes one exact line per row: accepted, then rejected with error triples", () => {
    const good = parseBalanceRow(row());
    const bad = parseBalanceRow(row({ 2: "P-2", 9: "-1", 10: "20240230" }));
    expect(formatBalanceAckLine({ lineNumber: 1, result: good })).toBe("IMIFACK|1|IMPSCIF|A|P-1001|CLIENT1");
    expect(formatBalanceAckLine({ lineNumber: 7, result: bad })).toBe(
      "IMIFACK|7|IMPSCIF|R|P-2|CLIENT1" +
        "|9|NEGATIVE_AMOUNT|Amount due (field 9) must not be negative." +
        "|10|BAD_DATE|Invoice date (field 10) is not a real date in the form CCYYMMDD.",
    );
  });

  it("rejects an accepted row with the importer's errors (unknown client)", () => {
    const good = parseBalanceRow(row());
    const unknown = {
      field: 11,
      code: "UNKNOWN_CLIENT" as const,
      reason: "Client ID (field 11) is not known.",
    };
    expect(formatBalanceAckLine({ lineNumber: 2, result: good, extraErrors: [unknown] })).toBe(
      "IMIFACK|2|IMPSCIF|R|P-1001|CLIENT1|11|UNKNOWN_CLIENT|Client ID (field 11) is not known.",
    );
  });

  it("turns an accepted line R with errors found on writing, as if they had been known when it was written", () => {
    const good = parseBalanceRow(row());
    const mismatch = {
      field: 8,
      code: "ACCOUNT_MISMATCH" as const,
      reason: "Invoice number (field 8) is x.",
    };
    expect(rejectBalanceAckLine(formatBalanceAckLine({ lineNumber: 4, result: good }), [mismatch])).toBe(
      formatBalanceAckLine({ lineNumber: 4, result: good, extraErrors: [mismatch] }),
    );
  });

  it("echoes what a wrong row sent, with pipes and newlines made spaces, and uses the provider ID without a client ID", () => {
    const wrong = parseBalanceRow(row({ 1: "OTHER", 11: "" }));
    expect(formatBalanceAckLine({ lineNumber: 3, result: wrong })).toBe(
      "IMIFACK|3|OTHER|R|P-1001|PRV-9|1|BAD_RECORD_ID|Record ID (field 1) must be IMPSCIF.",
    );
    const dirty = {
      ok: false,
      echo: { requestType: "IMPSCIF", memberId: "a|b\r\nc", groupId: "g" },
      errors: [{ field: 2, code: "BAD_CHARACTER" as const, reason: "x|y\nz" }],
    };
    expect(formatBalanceAckLine({ lineNumber: 4, result: dirty })).toBe(
      "IMIFACK|4|IMPSCIF|R|a b  c|g|2|BAD_CHARACTER|x y z",
    );
  });

  it("writes the file with LF after every line", () => {
    const good = parseBalanceRow(row());
    expect(
      writeBalanceAck([
        { lineNumber: 1, result: good },
        { lineNumber: 3, result: good },
      ]),
    ).toBe("IMIFACK|1|IMPSCIF|A|P-1001|CLIENT1\nIMIFACK|3|IMPSCIF|A|P-1001|CLIENT1\n");
    expect(writeBalanceAck([])).toBe("");
  });
});

describe("parseBalanceFileName", () => {
  it("splits a good name", () => {
    expect(parseBalanceFileName("PS_CLIENT1_20240115_0001.txt")).toEqual({
      ok: true,
      clientId: "CLIENT1",
      fileDate: new Date("2024-01-15T00:00:00Z"),
      uniqueId: "0001",
    });
    expect(parseBalanceFileName("/inbox/PS_RFM-1_20240229_a1b2.TXT")).toMatchObject({
      ok: true,
      clientId: "RFM-1",
      uniqueId: "a1b2",
    });
  });

  it.each([
    "balances.txt",
    "PS_CLIENT1_20240115_0001.csv",
    "PS_CLIENT1_20240115_0001.txt.part",
    "PS_CLIENT1_20240230_0001.txt",
    "PS_CLIENT1_2024011_0001.txt",
    "PS__20240115_0001.txt",
    "PS_CLIENT1_20240115_.txt",
    "PS_CLI_ENT1_20240115_0001.txt",
    "ps_CLIENT1_20240115_0001.txt",
    "PS_CLIENT 1_20240115_0001.txt",
  ])("refuses %j", (name) => {
    expect(parseBalanceFileName(name)).toMatchObject({ ok: false, code: "BAD_FILE_NAME" });
  });
});
