import { errorMessage, startBackgroundTask } from "./background";
import type { TClock } from "./clock";
import { previousCutoff, type TCutoff } from "./cutoff";
import type { TGatewayDb } from "./db";
import { runSettlement } from "./settlement-batches";

const LAST_CUTOFF = "settlement.last_cutoff";

/**
 * The daily batch: every `checkMs` it compares the latest cut-off with the last one it ran for
 * (kept in the database) and settles when a new cut-off has passed, so a gateway that was down
 * at the cut-off settles when it comes back. The first start only records the latest cut-off.
 * Expired idempotency records are purged on the same beat.
 */
export const startSettlementScheduler = ({
  db,
  clock,
  cutoff,
  checkMs,
  webhookUrl,
  log,
  onSettled,
}: {
  db: TGatewayDb;
  clock: TClock;
  cutoff: TCutoff | null;
  checkMs: number;
  webhookUrl: string | null;
  log: (line: string) => void;
  onSettled: () => void;
}) => {
  const check = async () => {
    const now = clock.now();
    await db.query(`DELETE FROM gw_idempotency WHERE expires_at <= $1`, [now]);
    if (!cutoff) return;
    const latest = previousCutoff(now, cutoff);
    const settled = await db.transaction(async (sql) => {
      const [row] = await sql.query<{ value: string }>(`SELECT value FROM gw_meta WHERE key = $1`, [
        LAST_CUTOFF,
      ]);
      if (row && new Date(row.value).getTime() >= latest.getTime()) return null;
      await sql.query(
        `INSERT INTO gw_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [LAST_CUTOFF, latest.toISOString()],
      );
      if (!row) return null;
      return runSettlement({ sql, now, webhookUrl });
    });
    if (settled) {
      log(
        `daily settlement at the ${latest.toISOString()} cut-off: ${settled.settled.length} payment(s), batch ${settled.batch?.id ?? "none"}`,
      );
      onSettled();
    }
  };

  const task = startBackgroundTask({
    everyMs: checkMs,
    run: check,
    onError: (err) => log(`settlement scheduler error: ${errorMessage(err)}`),
  });
  return { stop: task.stop };
};
