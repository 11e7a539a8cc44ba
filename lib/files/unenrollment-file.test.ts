import { describe, expect, it } from "vitest";
import { readLinesFromText } from "@/lib/files/read-lines";
import {
  createUnenrollmentFileCheck,
  parseUnenrollmentDetail,
  parseUnenrollmentFile,
  parseUnenrollmentHeader,
  parseUnenrollmentTrailer,
} from "@/lib/files/unenrollment-file";

const codes = (result: { ok: boolean; errors?: { field: number; code: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => `${e.field}:${e.code}`);

const parse = (...lines: string[]) => parseUnenrollmentFile(readLinesFromText(lines.join("\n")));

describe("APCTERM records", () => {
  it("reads a header, a detail and a trailer", () => {
    expect(parseUnenrollmentHeader("APCTERMHDR|20240229|2")).toEqual({
      ok: true,
      value: { fileDate: new Date("2024-02-29T00:00:00Z"), recordCount: 2 },
    });
    expect(parseUnenrollmentTrailer("APCTERMTRL|2")).toEqual({ ok: true, value: { recordCount: 2 } });
    expect(parseUnenrollmentDetail("APCTERMDTL|GRP1|A-1001|Smith|Pat")).toEqual({
      ok: true,
      detail: { groupId: "GRP1", accountId: "A-1001", lastName: "Smith", firstName: "Pat" },
    });
    // A business: no first name, and the field may be left off.
    expect(parseUnenrollmentDetail("APCTERMDTL||A-2001|Acme Corp")).toEqual({
      ok: true,
      detail: { groupId: null, accountId: "A-2001", lastName: "Acme Corp", firstName: null },
    });
  });

  it.each([
    ["APCTERMHDR|20230229|2", ["2:BAD_DATE"]],
    ["APCTERMHDR|02292024|2", ["2:BAD_DATE"]],
    ["APCTERMHDR|20240229|-1", ["3:BAD_NUMBER"]],
    ["APCTERMHDR|20240229", ["0:FIELD_COUNT"]],
    ["APCTERMHD|20240229|2", ["1:BAD_RECORD_ID"]],
  ])("header %s → %j", (text, expected) => {
    expect(codes(parseUnenrollmentHeader(text))).toEqual(expected);
  });

  it.each([
    ["APCTERMTRL|", ["2:MISSING_FIELD"]],
    ["APCTERMTRL|2|x", ["0:FIELD_COUNT"]],
    ["APCTERMTRX|2", ["1:BAD_RECORD_ID"]],
  ])("trailer %s → %j", (text, expected) => {
    expect(codes(parseUnenrollmentTrailer(text))).toEqual(expected);
  });

  it.each([
    ["APCTERMDTL|GRP1||Smith|Pat", ["3:MISSING_FIELD"]],
    ["APCTERMDTL|GRP1|A-1001||Pat", ["4:MISSING_FIELD"]],
    ["APCTERMDTL|GRP1|A-1001|Smith|" + "x".repeat(26), ["5:TOO_LONG"]],
    ["APCTERMDTL|GRP1|A-1001", ["0:FIELD_COUNT"]],
    ["APCTERMDTL|GRP1|A-1001|Smith|Pat|x", ["0:FIELD_COUNT"]],
    ["APCD|GRP1|A-1001|Smith|Pat", ["1:BAD_RECORD_ID"]],
  ])("detail %s → %j", (text, expected) => {
    expect(codes(parseUnenrollmentDetail(text))).toEqual(expected);
  });

  it("rejects an over-long detail line", () => {
    expect(codes(parseUnenrollmentDetail({ text: "APCTERMDTL|G|A|S|F", isTruncated: true }))).toEqual([
      "0:LINE_TOO_LONG",
    ]);
  });
});

describe("the whole unenrolment file", () => {
  it("accepts matching counts; a bad detail is rejected alone", async () => {
    const file = await parse(
      "APCTERMHDR|20240115|2",
      "APCTERMDTL|GRP1|A-1001|Smith|Pat",
      "",
      "APCTERMDTL|GRP1||Jones|Al",
      "APCTERMTRL|2",
      "",
    );
    expect(file.isRejected).toBe(false);
    expect(file.fileErrors).toEqual([]);
    expect(file.trailer).toEqual({ recordCount: 2 });
    expect(file.rows.map((r) => [r.lineNumber, codes(r.result)])).toEqual([
      [2, []],
      [4, ["3:MISSING_FIELD"]],
    ]);
  });

  it.each([
    [["APCTERMHDR|20240115|2", "APCTERMDTL|G|A|S|F", "APCTERMTRL|1"], ["COUNT_MISMATCH"]],
    [["APCTERMHDR|20240115|1", "APCTERMDTL|G|A|S|F", "APCTERMTRL|2"], ["COUNT_MISMATCH"]],
    [["APCTERMHDR|20240115|1", "APCTERMDTL|G|A|S|F"], ["MISSING_TRAILER"]],
    [["APCTERMDTL|G|A|S|F", "APCTERMTRL|1"], ["MISSING_HEADER"]],
    [
      ["APCTERMHDR|20240115|1", "APCTERMDTL|G|A|S|F", "APCTERMTRL|1", "APCTERMDTL|G|B|S|F"],
      ["UNEXPECTED_RECORD"],
    ],
    [
      ["APCTERMHDR|20240115|1", "APCTERMHDR|20240115|1", "APCTERMDTL|G|A|S|F", "APCTERMTRL|1"],
      ["DUPLICATE_HEADER"],
    ],
    [["APCTERMHDR|20240115|0", "APCTERMTRL|0"], []],
    [[], ["MISSING_HEADER"]],
  ])("%j → file errors %j", async (lines, expected) => {
    const file = await parse(...lines);
    expect(file.fileErrors.map((e) => e.code)).toEqual(expected);
    expect(file.isRejected).toBe(expected.length > 0);
  });

  it("counts only details, CRLF or LF", async () => {
    const text = "APCTERMHDR|20240115|1\r\nAPCTERMDTL|G|A|S|F\r\nAPCTERMTRL|1\r\n";
    const file = await parseUnenrollmentFile(readLinesFromText(text));
    expect(file.isRejected).toBe(false);
    expect(file.rows).toHaveLength(1);
  });
});

describe("the file check, a line at a time (what the importer streams with)", () => {
  it("classifies each line, ignores what follows the trailer, and agrees with a whole-file parse", async () => {
    const text = ["APCTERMHDR|20240115|1", "APCTERMDTL|G|A|S", "APCTERMTRL|2", "APCTERMDTL|G|B|S", "x"].join(
      "\n",
    );
    const check = createUnenrollmentFileCheck();
    const kinds = [];
    for await (const l of readLinesFromText(text)) kinds.push(check.next(l));
    expect(kinds).toEqual(["header", "detail", "trailer", "ignored", "ignored"]);
    const finished = check.finish();
    expect(finished.detailCount).toBe(1);
    expect(finished.fileErrors).toEqual((await parseUnenrollmentFile(readLinesFromText(text))).fileErrors);
    expect(finished.fileErrors.map((e) => e.code)).toEqual(["UNEXPECTED_RECORD", "COUNT_MISMATCH"]);
  });
});
