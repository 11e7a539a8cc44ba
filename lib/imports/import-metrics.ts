import type { TImportKind } from "@/lib/imports/kinds";
import { portalMetrics, secondsSince } from "@/lib/metrics/registry";

/**
 * Runs one import and observes how long it took in portal_import_duration_seconds, by kind and
 * result: `processed`, `duplicate` (the same file again: nothing done) or `failed` (thrown).
 */
export const timeImport = async <T extends { isDuplicate: boolean }>(
  kind: TImportKind,
  run: () => Promise<T>,
): Promise<T> => {
  const startedAt = performance.now();
  let result: "processed" | "duplicate" | "failed" = "failed";
  try {
    const outcome = await run();
    result = outcome.isDuplicate ? "duplicate" : "processed";
    return outcome;
  } finally {
    portalMetrics().importDuration.observe({ kind, result }, secondsSince(startedAt));
  }
};
