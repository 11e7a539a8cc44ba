/**
 * Runs a sender of due emails (a claim of up to `batch` due rows per run) until a run claims
 * fewer than a batch, and sums what the runs did, field by field (claimed, sent, failed …).
 */
export const drainRuns = async <T extends { claimed: number }>(
  run: () => Promise<T>,
  batch: number,
): Promise<T> => {
  let total: T | null = null;
  for (;;) {
    const done = await run();
    total = total ? sumRuns(total, done) : done;
    if (done.claimed < batch) return total;
  }
};

const sumRuns = <T extends { claimed: number }>(a: T, b: T): T => {
  const sum = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) (sum[k] as number) = (a[k] as number) + (b[k] as number);
  return sum;
};
