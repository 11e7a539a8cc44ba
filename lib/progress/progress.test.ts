import { describe, expect, it } from "vitest";
import { fileProgressView, rowsDoneText, secondsLeft, timeLeftText } from "@/lib/progress/progress";

const now = new Date("2026-12-06T12:00:10Z");
const startedAt = new Date("2026-12-06T12:00:00Z");
const file = {
  status: "GENERATING" as const,
  fileName: "transactions-2026-12-06.csv",
  rowsDone: 0,
  totalRows: null,
  startedAt: null,
  failureReason: null,
};
const href = "/staff/transactions/exports/x/download";

describe("a file's progress, as its bar shows it", () => {
  it("waits until a writer starts it, then counts rows of the total with the time left", () => {
    expect(fileProgressView({ file, downloadHref: href, now })).toEqual({
      status: "WAITING",
      fileName: file.fileName,
      rowsDone: 0,
      totalRows: null,
      secondsLeft: null,
      failureReason: null,
      downloadHref: null,
    });
    const running = { ...file, startedAt, rowsDone: 2_500, totalRows: 10_000 };
    expect(fileProgressView({ file: running, downloadHref: href, now })).toMatchObject({
      status: "GENERATING",
      secondsLeft: 30,
      downloadHref: null,
    });
  });

  it("offers its download only once ready, and says why it failed", () => {
    const ready = {
      ...file,
      status: "READY" as const,
      startedAt,
      rowsDone: 9,
      totalRows: 9,
      failureReason: "old",
    };
    expect(fileProgressView({ file: ready, downloadHref: href, now })).toMatchObject({
      status: "READY",
      secondsLeft: null,
      failureReason: null,
      downloadHref: href,
    });
    const failed = {
      ...file,
      status: "FAILED" as const,
      startedAt,
      failureReason: "The database went away.",
    };
    expect(fileProgressView({ file: failed, downloadHref: href, now })).toMatchObject({
      status: "FAILED",
      failureReason: "The database went away.",
      downloadHref: null,
    });
  });

  it("says it in words", () => {
    expect(rowsDoneText(1_500, 1_501)).toBe("1,500 of 1,501 rows done");
    expect(rowsDoneText(7, null)).toBe("7 rows done");
    expect(timeLeftText(secondsLeft({ rowsDone: 5_000, totalRows: 20_000, startedAt, now }))).toBe(
      "about 30 seconds left",
    );
  });
});
