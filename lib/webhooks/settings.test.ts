import { describe, expect, it } from "vitest";
import { exponentialDelays, nextAttemptAt, parseDuration, webhookSettings } from "@/lib/webhooks/settings";

const MIN = 60_000;

describe("webhook settings", () => {
  it("the default schedule doubles from a minute to 12 hours and ends 3 days after the first try", () => {
    const delays = exponentialDelays();
    expect(delays.slice(0, 4)).toEqual([MIN, 2 * MIN, 4 * MIN, 8 * MIN]);
    expect(Math.max(...delays)).toBe(720 * MIN);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(3 * 24 * 60 * MIN);
    expect(webhookSettings({}).retryDelaysMs).toEqual(delays);
  });

  it("InstaMed's 5 tries 30 minutes apart is one setting", () => {
    const settings = webhookSettings({
      WEBHOOK_RETRY_SCHEDULE: "30m,30m,30m,30m",
      WEBHOOK_RETRY_JITTER: "0",
    });
    const now = new Date("2026-12-06T10:00:00Z");
    const tries = [now];
    for (let attempt = 1; ; attempt += 1) {
      const next = nextAttemptAt({ attempt, now: tries.at(-1)!, settings });
      if (!next) break;
      tries.push(next);
    }
    expect(tries.map((t) => t.toISOString().slice(11, 16))).toEqual([
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "12:00",
    ]);
  });

  it("jitter only ever shortens a wait, by at most its fraction", () => {
    const settings = { retryDelaysMs: [10 * MIN], jitter: 0.2 };
    const now = new Date(0);
    expect(nextAttemptAt({ attempt: 1, now, settings, random: 0 })!.getTime()).toBe(10 * MIN);
    expect(nextAttemptAt({ attempt: 1, now, settings, random: 0.999 })!.getTime()).toBeGreaterThan(8 * MIN);
    expect(nextAttemptAt({ attempt: 2, now, settings })).toBeNull();
  });

  it("reads the allow-list, and refuses a schedule it cannot read, naming the variable", () => {
    expect(webhookSettings({ WEBHOOK_ALLOWED_HOSTS: " 127.0.0.1, LocalHost ,[::1]" }).allowedHosts).toEqual([
      "127.0.0.1",
      "localhost",
      "::1",
    ]);
    expect(() => webhookSettings({ WEBHOOK_RETRY_SCHEDULE: "30 minutes" })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => webhookSettings({ WEBHOOK_DISABLE_AFTER: "soon" })).toThrow(/WEBHOOK_DISABLE_AFTER/);
    expect(parseDuration("3d")).toBe(3 * 24 * 60 * MIN);
  });
});
