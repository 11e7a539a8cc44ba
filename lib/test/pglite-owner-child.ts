// A process that owns an embedded database and keeps writing to it (backup.pglite.int.test.ts
// backs it up meanwhile): every transaction inserts a batch of 10 rows, about a hundred a second. Reports each committed
// batch to its parent; stops on SIGTERM after the batch in hand.
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { claimPgliteOwnership } from "@/lib/db/backup";

const main = async () => {
  const dataDir = process.argv[2]!;
  const pglite = await PGlite.create(dataDir);
  await pglite.exec(`CREATE TABLE IF NOT EXISTS written (batch int NOT NULL, n int NOT NULL)`);
  const ownership = await claimPgliteOwnership(dataDir, pglite, { role: "test writer" });
  let stopping = false;
  process.once("SIGTERM", () => (stopping = true));
  process.send?.({ ready: true });
  for (let batch = 1; !stopping; batch++) {
    await pglite.transaction(async (tx) => {
      for (let n = 0; n < 10; n++) await tx.query(`INSERT INTO written VALUES ($1, $2)`, [batch, n]);
    });
    process.send?.({ batch });
    await sleep(10);
  }
  await ownership.release();
  await pglite.close();
  process.disconnect?.();
};

void main();
