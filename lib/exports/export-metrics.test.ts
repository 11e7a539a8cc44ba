import { describe, expect, it } from "vitest";
import { timeExport } from "@/lib/exports/export-metrics";
import { portalMetrics } from "@/lib/metrics/registry";

const observed = async (labels: { kind: string; format: string; result: string }) =>
  (await portalMetrics().exportDuration.get()).values.find(
    (v) =>
      v.metricName === "portal_export_duration_seconds_count" &&
      v.labels.kind === labels.kind &&
      v.labels.format === labels.format &&
      v.labels.result === labels.result,
  )?.value ?? 0;

describe("timeExport", () => {
  it("observes each file written by kind, format and result, a failed one too (and rethrows it)", async () => {
    const ready = { kind: "posting", format: "X12_835", result: "ready" };
    const failed = { kind: "signup", format: "DELTA", result: "failed" };
    const before = { ready: await observed(ready), failed: await observed(failed) };
    await expect(timeExport({ kind: "posting", format: "X12_835" }, async () => "file")).resolves.toBe(
      "file",
    );
    await expect(
      timeExport({ kind: "signup", format: "DELTA" }, async () => {
        throw new Error("lost the claim");
      }),
    ).rejects.toThrow("lost the claim");
    expect(await observed(ready)).toBe(before.ready + 1);
    expect(await observed(failed)).toBe(before.failed + 1);
  });
});
