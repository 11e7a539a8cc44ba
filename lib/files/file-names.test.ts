import { describe, expect, it } from "vitest";
import { parsePmsFileName, pmsFileKindOf } from "@/lib/files/file-names";

describe("the PMS's file names", () => {
  it.each([
    ["PS_RFM001_20261124_1.txt", "BALANCE"],
    ["ps_rfm001_20261124_1.TXT", "BALANCE"],
    ["APC_RFM001_20261124_1.txt", "AUTOPAY_ENROLL"],
    ["APCTERM_RFM001_20261124_1.txt", "AUTOPAY_UNENROLL"],
    ["/inbox/apcterm_x.txt", "AUTOPAY_UNENROLL"],
    ["PT_RFM001_20261124_1.txt", "PAYMENT_IMPORT"],
    ["pt_rfm001_20261124_1.txt", "PAYMENT_IMPORT"],
    ["PTX_RFM001_20261124_1.txt", null],
    ["APCTERM.txt", null],
    ["APCX_RFM001_20261124_1.txt", null],
    ["APC_RFM001_20261124_1.csv", null],
    ["notes.md", null],
  ])("%s is a %s file by its prefix", (name, kind) => {
    expect(pmsFileKindOf(name)).toBe(kind);
  });

  it("splits a good name of each kind", () => {
    expect(parsePmsFileName("APC_RFM-1_20240229_a1b2.txt", "AUTOPAY_ENROLL")).toEqual({
      ok: true,
      kind: "AUTOPAY_ENROLL",
      clientId: "RFM-1",
      fileDate: new Date("2024-02-29T00:00:00Z"),
      uniqueId: "a1b2",
    });
    expect(parsePmsFileName("/in/APCTERM_RFM001_20261124_7.TXT", "AUTOPAY_UNENROLL")).toMatchObject({
      ok: true,
      clientId: "RFM001",
      uniqueId: "7",
    });
    expect(parsePmsFileName("PT_RFM001_20261124_desk-1.txt", "PAYMENT_IMPORT")).toMatchObject({
      ok: true,
      kind: "PAYMENT_IMPORT",
      uniqueId: "desk-1",
    });
  });

  it.each([
    ["APC_RFM001_20261124_1.txt", "AUTOPAY_UNENROLL"],
    ["APCTERM_RFM001_20261124_1.txt", "AUTOPAY_ENROLL"],
    ["apc_RFM001_20261124_1.txt", "AUTOPAY_ENROLL"],
    ["APC_RFM001_20260230_1.txt", "AUTOPAY_ENROLL"],
    ["APC_RFM_001_20261124_1.txt", "AUTOPAY_ENROLL"],
    ["APC_RFM001_20261124_.txt", "AUTOPAY_ENROLL"],
  ] as const)("refuses %s as a %s name, saying the pattern", (name, kind) => {
    const result = parsePmsFileName(name, kind);
    expect(result).toMatchObject({ ok: false, code: "BAD_FILE_NAME" });
    expect(!result.ok && result.reason).toMatch(
      /^The file name is not APC(TERM)?_<ClientID>_<YYYYMMDD>_<UniqueID>\.txt\.$/,
    );
  });
});
