import { beforeEach, describe, expect, it, vi } from "vitest";

const updates: unknown[] = [];
vi.mock("@/lib/db", () => ({
  getDb: async () => ({
    importFile: { updateMany: async (args: unknown) => void updates.push(args) },
  }),
}));

const { createProgressRecorder } = await import("@/lib/imports/progress");
const { secondsLeft } = await import("@/lib/progress/progress");
const { rejectedText, rowsDoneText, timeLeftText } = await import("@/lib/imports/progress-text");

describe("an import's progress", () => {
  beforeEach(() => {
    updates.length = 0;
  });

  it("is written at most once a second, the first report at once", async () => {
    let now = 10_000;
    const record = createProgressRecorder("file-1", { now: () => now });
    await record({ rowsDone: 100, rejected: 1 });
    now += 400;
    await record({ rowsDone: 200, rejected: 2 });
    now += 599;
    await record({ rowsDone: 300, rejected: 3 });
    expect(updates).toHaveLength(1);
    now += 1;
    await record({ rowsDone: 400, rejected: 4 });
    expect(updates).toEqual([
      { where: { id: "file-1", status: "PROCESSING" }, data: { rowsDone: 100, rejectedCount: 1 } },
      { where: { id: "file-1", status: "PROCESSING" }, data: { rowsDone: 400, rejectedCount: 4 } },
    ]);
  });

  it("estimates the time left from the pace so far", () => {
    const startedAt = new Date("2026-12-06T12:00:00Z");
    const now = new Date("2026-12-06T12:00:10Z");
    expect(secondsLeft({ rowsDone: 5_000, totalRows: 20_000, startedAt, now })).toBe(30);
    expect(secondsLeft({ rowsDone: 20_000, totalRows: 20_000, startedAt, now })).toBe(0);
    // More rows than the count made on upload (it counted lines): nothing left, not less than nothing.
    expect(secondsLeft({ rowsDone: 21_000, totalRows: 20_000, startedAt, now })).toBe(0);
    expect(secondsLeft({ rowsDone: 0, totalRows: 20_000, startedAt, now })).toBeNull();
    expect(secondsLeft({ rowsDone: 5_000, totalRows: null, startedAt, now })).toBeNull();
    expect(secondsLeft({ rowsDone: 5_000, totalRows: 20_000, startedAt: null, now })).toBeNull();
  });

  it("says it in words", () => {
    expect(rowsDoneText(12_000, 20_000)).toBe("12,000 of 20,000 rows done");
    expect(rowsDoneText(12_000, null)).toBe("12,000 rows done");
    expect(rejectedText(15, false)).toBe("15 rejected so far");
    expect(rejectedText(1, true)).toBe("1 rejected");
    expect(timeLeftText(null)).toBeNull();
    expect(timeLeftText(0)).toBe("less than a second left");
    expect(timeLeftText(1)).toBe("about 1 second left");
    expect(timeLeftText(45)).toBe("about 45 seconds left");
    expect(timeLeftText(600)).toBe("about 10 minutes left");
    expect(timeLeftText(3 * 3600)).toBe("about 3 hours left");
  });
});
