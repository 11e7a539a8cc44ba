import { describe, expect, it } from "vitest";
import { connectClient } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * connectClient (lib/db/index.ts) on PostgreSQL: its pool outlives a connection that the server
 * ends, even in a process whose Prisma Client has not connected yet.
 */
const database = setupTestDatabase({ seed: true });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("connectClient on PostgreSQL", () => {
  it("goes on after the server ends an idle connection (a restart, a failover): the process does not stop", async () => {
    if (database.target.kind !== "postgres") throw new Error("PostgreSQL only");
    // Only the reader is used, as by an instance that has served nothing but pages: Prisma
    // Client never connected, so its adapter never listened to the pool.
    const client = await connectClient(database.target, { max: 1 });
    try {
      const [before] = await client.read<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      const [ended] = await database.sql.query<{
        ok: boolean;
      }>`SELECT pg_terminate_backend(${before!.pid}::int) AS ok`;
      expect(ended!.ok).toBe(true);
      // The pool hears of it while the connection is idle (an unhandled 'error' would end the process).
      await sleep(200);
      const [after] = await client.read<{ pid: number; n: number }>(
        sql`SELECT pg_backend_pid() AS pid, (SELECT count(*)::int FROM "user" WHERE email = ${"pat@example.com"}) AS n`,
      );
      expect(after!.n).toBe(1);
      expect(after!.pid).not.toBe(before!.pid);
    } finally {
      await client.close();
    }
  });
});
