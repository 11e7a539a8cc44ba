import "server-only";
import { log } from "@/lib/log";

/** A claimed row and the group it is charged in (rows of one group one after the other). */
export type TClaimed = { id: string; group: string };

/** What a run did: how many rows ended in each outcome, and how many threw. */
export type TRunCounts<TOutcome extends string> = Record<TOutcome, number> & { errors: number };

/** Runs `task` over `items`, at most `limit` at a time. */
const forEachAtMost = async <T>(items: T[], limit: number, task: (item: T) => Promise<void>) => {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
};

/**
 * The loop of a charge run (plans, autopay): claims due rows in batches and charges each until
 * none is left, `concurrency` groups at a time; the rows of one group are charged one after the
 * other, never side by side, and a batch ends before the next is claimed. A row that throws is
 * counted and logged as `<name> <id>: <message>`; it stays held by its lease or its next date, so
 * when a short batch had errors the run ends instead of claiming them again. `onCharged` hears of
 * each row as it ends, with how long it took.
 */
export const chargeClaimed = async <TOutcome extends string, TRun extends TRunCounts<TOutcome>>({
  run,
  claim,
  charge,
  batchSize,
  concurrency = 1,
  name,
  onCharged,
}: {
  run: TRun;
  claim: (limit: number) => Promise<TClaimed[]>;
  charge: (id: string) => Promise<TOutcome>;
  batchSize: number;
  concurrency?: number;
  name: string;
  onCharged?: (charged: { id: string; outcome: TOutcome | "ERROR"; ms: number }) => void;
}): Promise<TRun> => {
  // The run's counters by name (TypeScript cannot add to a generic record's entry).
  const counts = run as Record<TOutcome | "errors", number>;
  const chargeOne = async (id: string) => {
    const t0 = performance.now();
    let outcome: TOutcome | "ERROR" = "ERROR";
    try {
      outcome = await charge(id);
      counts[outcome] += 1;
    } catch (error) {
      counts.errors += 1;
      log.error({ err: error }, `${name} ${id}: ${(error as Error).message}`);
    }
    onCharged?.({ id, outcome, ms: performance.now() - t0 });
  };
  for (;;) {
    const claimed = await claim(batchSize);
    if (claimed.length === 0) return run;
    const groups = new Map<string, string[]>();
    for (const c of claimed) groups.set(c.group, [...(groups.get(c.group) ?? []), c.id]);
    await forEachAtMost([...groups.values()], concurrency, async (ids) => {
      for (const id of ids) await chargeOne(id);
    });
    if (counts.errors > 0 && claimed.length < batchSize) return run;
  }
};
