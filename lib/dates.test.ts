import { describe, expect, it } from "vitest";
import {
  addDays,
  DAY_MS,
  formatDay,
  parseIsoDay,
  startOfDayInZone,
  wallClockInZone,
  toIsoDay,
  todayInZone,
} from "@/lib/dates";

describe("parseIsoDay", () => {
  it("reads a calendar day as UTC midnight", () => {
    expect(parseIsoDay("1980-01-01")?.toISOString()).toBe("1980-01-01T00:00:00.000Z");
    expect(parseIsoDay(" 1975-06-15 ")?.toISOString()).toBe("1975-06-15T00:00:00.000Z");
  });

  it("accepts 29 February in a leap year only", () => {
    expect(parseIsoDay("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(parseIsoDay("2000-02-29")).not.toBeNull();
    expect(parseIsoDay("2025-02-29")).toBeNull();
    expect(parseIsoDay("1900-02-29")).toBeNull();
  });

  it.each([
    "2025-02-30",
    "2025-04-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "2025-1-1",
    "01/01/1980",
    "",
    "yesterday",
  ])("rejects %j", (input) => {
    expect(parseIsoDay(input)).toBeNull();
  });

  it("round-trips through toIsoDay", () => {
    expect(toIsoDay(parseIsoDay("2026-12-31")!)).toBe("2026-12-31");
  });
});

describe("todayInZone", () => {
  const newYork = "America/New_York";

  it("is still yesterday in New York just after midnight UTC", () => {
    const now = new Date("2026-01-01T02:30:00Z"); // 21:30 on 31 Dec in New York (UTC−5)
    expect(toIsoDay(todayInZone(newYork, now))).toBe("2025-12-31");
    expect(toIsoDay(todayInZone("UTC", now))).toBe("2026-01-01");
  });

  it("agrees with UTC just before midnight UTC", () => {
    const now = new Date("2025-12-31T23:30:00Z"); // 18:30 in New York
    expect(toIsoDay(todayInZone(newYork, now))).toBe("2025-12-31");
    expect(toIsoDay(todayInZone("UTC", now))).toBe("2025-12-31");
  });

  it("turns the day at New York midnight, in summer time too", () => {
    expect(toIsoDay(todayInZone(newYork, new Date("2026-07-04T03:59:59Z")))).toBe("2026-07-03"); // 23:59:59 EDT
    expect(toIsoDay(todayInZone(newYork, new Date("2026-07-04T04:00:00Z")))).toBe("2026-07-04"); // 00:00 EDT
  });

  it("returns a UTC-midnight Date, like the @db.Date columns", () => {
    expect(todayInZone(newYork, new Date("2026-03-08T12:00:00Z")).toISOString()).toBe(
      "2026-03-08T00:00:00.000Z",
    );
  });
});

describe("formatDay", () => {
  it("shows the stored calendar day whatever the machine's zone", () => {
    expect(formatDay(parseIsoDay("1980-01-01")!)).toBe("Jan 1, 1980");
  });
});

describe("startOfDayInZone", () => {
  const start = (day: string, zone: string) => startOfDayInZone(parseIsoDay(day)!, zone).toISOString();

  it("is local midnight, in winter and in summer time", () => {
    expect(start("2026-01-15", "America/New_York")).toBe("2026-01-15T05:00:00.000Z");
    expect(start("2026-07-04", "America/New_York")).toBe("2026-07-04T04:00:00.000Z");
    expect(start("2026-11-24", "Asia/Kolkata")).toBe("2026-11-23T18:30:00.000Z");
    expect(start("2026-11-24", "UTC")).toBe("2026-11-24T00:00:00.000Z");
  });

  it("handles the days the clocks change (New York changes at 02:00)", () => {
    expect(start("2026-03-08", "America/New_York")).toBe("2026-03-08T05:00:00.000Z");
    expect(start("2026-03-09", "America/New_York")).toBe("2026-03-09T04:00:00.000Z");
    expect(start("2026-11-01", "America/New_York")).toBe("2026-11-01T04:00:00.000Z");
    expect(start("2026-11-02", "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
  });

  it("starts a day whose midnight is skipped at the jump (Havana, Santiago)", () => {
    expect(start("2026-03-08", "America/Havana")).toBe("2026-03-08T05:00:00.000Z"); // 00:00 CST → 01:00 CDT
    expect(start("2026-09-06", "America/Santiago")).toBe("2026-09-06T04:00:00.000Z");
    expect(start("2026-04-05", "America/Santiago")).toBe("2026-04-05T04:00:00.000Z"); // 24:00 → 23:00 the day before
  });
});

describe("day arithmetic", () => {
  const day = (iso: string) => parseIsoDay(iso)!;

  it("steps calendar days across months, leap days and years, either way", () => {
    expect(toIsoDay(addDays(day("2024-02-28"), 1))).toBe("2024-02-29");
    expect(toIsoDay(addDays(day("2026-03-01"), -1))).toBe("2026-02-28");
    expect(toIsoDay(addDays(day("2025-12-31"), 1))).toBe("2026-01-01");
    expect(toIsoDay(addDays(day("2026-03-10"), 0))).toBe("2026-03-10");
  });

  it("moves an instant by whole 24-hour days", () => {
    expect(addDays(new Date("2026-03-10T14:30:00Z"), -7).toISOString()).toBe("2026-03-03T14:30:00.000Z");
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
  });
});

describe("wallClockInZone", () => {
  it("reads the day and the time a zone's clock shows, across midnight and a DST change", () => {
    const at = (iso: string, zone: string) => {
      const { day, hhmm } = wallClockInZone(zone, new Date(iso));
      return `${day.toISOString().slice(0, 10)} ${hhmm}`;
    };
    expect(at("2026-03-03T04:59:00Z", "America/New_York")).toBe("2026-03-02 2359");
    expect(at("2026-03-08T07:00:00Z", "America/New_York")).toBe("2026-03-08 0300");
    expect(at("2026-03-03T00:05:00Z", "UTC")).toBe("2026-03-03 0005");
  });
});
