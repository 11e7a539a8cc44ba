import { portalMetrics, secondsSince } from "@/lib/metrics/registry";

/**
 * Writes one file and observes how long it took in portal_export_duration_seconds, by kind
 * (`posting`, `signup`), format (a posting format, or the sign-up file's mode) and result
 * (`ready`, or `failed` when it threw). Only files this call wrote: one already written, or being
 * written by another worker, is not timed.
 */
export const timeExport = async <T>(
  { kind, format }: { kind: "posting" | "signup"; format: string },
  write: () => Promise<T>,
): Promise<T> => {
  const startedAt = performance.now();
  let result: "ready" | "failed" = "failed";
  try {
    const file = await write();
    result = "ready";
    return file;
  } finally {
    portalMetrics().exportDuration.observe({ kind, format, result }, secondsSince(startedAt));
  }
};
