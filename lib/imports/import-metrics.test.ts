import { describe, expect, it } from "vitest";
import { timeImport } from "@/lib/imports/import-metrics";
import { portalMetrics } from "@/lib/metrics/registry";

const observed = async (kind: string, result: string) =>
  (await portalMetrics().importDuration.get()).values.find(
    (v) =>
      v.metricName === "portal_import_duration_seconds_count" &&
      v.labels.kind === kind &&
      v.labels.result === result,
  )?.value ?? 0;

describe("timeImport", () => {
  it("observes each import once by kind and result: processed, duplicate or failed (and rethrown)", async () => {
    const before = {
      processed: await observed("BALANCE", "processed"),
      duplicate: await observed("BALANCE", "duplicate"),
      failed: await observed("PAYMENT_IMPORT", "failed"),
    };
    await expect(timeImport("BALANCE", async () => ({ isDuplicate: false, rows: 3 }))).resolves.toEqual({
      isDuplicate: false,
      rows: 3,
    });
    await timeImport("BALANCE", async () => ({ isDuplicate: true }));
    await expect(
      timeImport("PAYMENT_IMPORT", async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await observed("BALANCE", "processed")).toBe(before.processed + 1);
    expect(await observed("BALANCE", "duplicate")).toBe(before.duplicate + 1);
    expect(await observed("PAYMENT_IMPORT", "failed")).toBe(before.failed + 1);
  });
});
