import { describe, expect, it } from "vitest";
import { isQuietHours, nextSendableAt } from "@/lib/sms/quiet-hours";

const NY = "America/New_York";
const LA = "America/Los_Angeles";

describe("quiet hours (21:00 to 08:00 on the patient's clock)", () => {
  it("lets a text go from 08:00 to 20:59 and holds it from 21:00 to 07:59 (New York, winter: UTC-5)", () => {
    expect(isQuietHours(new Date("2026-01-15T12:59:59Z"), NY)).toBe(true); // 07:59:59
    expect(isQuietHours(new Date("2026-01-15T13:00:00Z"), NY)).toBe(false); // 08:00
    expect(isQuietHours(new Date("2026-01-16T01:59:59Z"), NY)).toBe(false); // 20:59:59
    expect(isQuietHours(new Date("2026-01-16T02:00:00Z"), NY)).toBe(true); // 21:00
  });

  it("sends at once outside quiet hours", () => {
    const at = new Date("2026-07-15T16:30:00Z"); // 12:30 EDT
    expect(nextSendableAt(at, NY)).toEqual(at);
  });

  it("holds an evening text until 08:00 the next morning, and an early one until 08:00 that morning", () => {
    expect(nextSendableAt(new Date("2026-07-15T01:00:00Z"), NY)).toEqual(new Date("2026-07-15T12:00:00Z")); // 21:00 EDT → 08:00 EDT
    expect(nextSendableAt(new Date("2026-07-15T03:59:00Z"), NY)).toEqual(new Date("2026-07-15T12:00:00Z")); // 23:59 → 08:00
    expect(nextSendableAt(new Date("2026-07-15T04:00:00Z"), NY)).toEqual(new Date("2026-07-15T12:00:00Z")); // 00:00 → 08:00
    expect(nextSendableAt(new Date("2026-07-15T11:59:59Z"), NY)).toEqual(new Date("2026-07-15T12:00:00Z")); // 07:59:59 → 08:00
  });

  it("follows the patient's zone, not the server's", () => {
    const at = new Date("2026-07-15T02:00:00Z"); // 22:00 in New York, 19:00 in Los Angeles
    expect(isQuietHours(at, NY)).toBe(true);
    expect(isQuietHours(at, LA)).toBe(false);
    expect(nextSendableAt(new Date("2026-07-15T05:00:00Z"), LA)).toEqual(new Date("2026-07-15T15:00:00Z")); // 22:00 PDT → 08:00 PDT
  });

  it("spring forward: a text held from 21:00 EST waits until 08:00 EDT, 10 hours later, not 11", () => {
    // 2026-03-08: New York's clocks jump from 02:00 EST to 03:00 EDT.
    const evening = new Date("2026-03-08T02:00:00Z"); // 21:00 EST on March 7
    const morning = nextSendableAt(evening, NY);
    expect(morning).toEqual(new Date("2026-03-08T12:00:00Z")); // 08:00 EDT
    expect((morning.getTime() - evening.getTime()) / 3_600_000).toBe(10);
    // 02:30 does not exist that night; 07:59 EDT is still quiet, 08:00 EDT is not.
    expect(isQuietHours(new Date("2026-03-08T11:59:00Z"), NY)).toBe(true);
    expect(isQuietHours(new Date("2026-03-08T12:00:00Z"), NY)).toBe(false);
  });

  it("fall back: a text held from 21:00 EDT waits until 08:00 EST, 12 hours later, not 11", () => {
    // 2026-11-01: New York's clocks go back from 02:00 EDT to 01:00 EST.
    const evening = new Date("2026-11-01T01:00:00Z"); // 21:00 EDT on October 31
    const morning = nextSendableAt(evening, NY);
    expect(morning).toEqual(new Date("2026-11-01T13:00:00Z")); // 08:00 EST
    expect((morning.getTime() - evening.getTime()) / 3_600_000).toBe(12);
    // Both 01:30s of that night are quiet; 21:00 EST that evening starts quiet hours again.
    expect(isQuietHours(new Date("2026-11-01T05:30:00Z"), NY)).toBe(true); // 01:30 EDT
    expect(isQuietHours(new Date("2026-11-01T06:30:00Z"), NY)).toBe(true); // 01:30 EST
    expect(isQuietHours(new Date("2026-11-02T01:59:00Z"), NY)).toBe(false); // 20:59 EST
    expect(isQuietHours(new Date("2026-11-02T02:00:00Z"), NY)).toBe(true); // 21:00 EST
  });
});
