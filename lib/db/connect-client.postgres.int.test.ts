import { describe, expect, it } from "vitest";
import { connectClient } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * connectClient (lib/db/index.ts) on PostgreSQL: the reader's statements are each prepared once
 * on a connection (lib/db/statement-names.ts), and its pool outlives a connection that the server
 * ends, even in a process whose Prisma Client has not connected yet.
 */
const database = setupTestDatabase({ seed: true });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("connectClient on PostgreSQL", () => {
  it("prepares a statement of the reader once on a connection and runs it from the server's prepared statement, planned once", async () => {
    if (database.target.kind !== "postgres") throw new Error("PostgreSQL only");
    // One connection, so that every run meets the statement that the first one prepared.
    const client = await connectClient(database.target, { max: 1 });
    try {
      const emails = ["pat@example.com", "nobody@example.com"];
      const counts: number[] = [];
      for (let i = 0; i < 8; i++) {
        const [row] = await client.read<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM "user" WHERE email = ${emails[i % 2]} /* statement-names test */`,
        );
        counts.push(row!.n);
      }
      // Each run still reads with its own values.
      expect(counts).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
      const prepared = await client.read<{ name: string; runs: number; generic: number }>(
        sql`SELECT name, (generic_plans + custom_plans)::int AS runs, generic_plans::int AS generic
              FROM pg_prepared_statements WHERE statement LIKE ${"%statement-names test%"}`,
      );
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.name).toMatch(/^portal_/);
      expect(prepared[0]!.runs).toBe(8);
      // After five runs planned for their values, PostgreSQL keeps one plan for a key lookup.
      expect(prepared[0]!.generic).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

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
