import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { TDatabaseConfig } from "./config";

/** What can be run on a connection, or inside one of its transactions. */
export type TSqlOps = {
  /** Runs a script of one or more statements, no parameters. */
  exec: (sql: string) => Promise<void>;
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
  /** Runs one statement and returns how many rows it inserted, updated or deleted. */
  run: (sql: string, params?: unknown[]) => Promise<number>;
  /**
   * `COPY table (columns) FROM` the given text (PostgreSQL's text format: tab-separated, one row
   * a line, `\N` for null, backslashes escaped): the fastest way rows get into a table.
   */
  copyIn: (table: string, columns: readonly string[], text: string) => Promise<void>;
};

/**
 * A minimal SQL connection used by migrations, test setup and bulk work (COPY), beside the
 * app's Prisma Client.
 */
export type TSqlConnection = TSqlOps & {
  /** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
  transaction: <T>(fn: (tx: TSqlOps) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

const quoted = (table: string, columns: readonly string[]) =>
  `"${table}" (${columns.map((c) => `"${c}"`).join(", ")})`;

const pgliteOps = (db: Pick<PGlite, "query" | "exec">): TSqlOps => ({
  exec: async (sql) => {
    await db.exec(sql);
  },
  query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
  run: async (sql, params = []) => (await db.query(sql, params)).affectedRows ?? 0,
  // PGlite reads COPY data from a blob it exposes as the file /dev/blob.
  copyIn: async (table, columns, text) => {
    await db.query(`COPY ${quoted(table, columns)} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
  },
});

export const pgliteConnection = (db: PGlite, { closeOnEnd = true } = {}): TSqlConnection => ({
  ...pgliteOps(db),
  // PGlite's own transaction holds its one session: nothing else runs inside it meanwhile.
  transaction: (fn) => db.transaction((tx) => fn(pgliteOps(tx))),
  close: async () => {
    if (closeOnEnd) await db.close();
  },
});

export const postgresConnection = async (url: string): Promise<TSqlConnection> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ops: TSqlOps = {
    // The simple query protocol (no parameters) accepts several statements at once.
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    run: async (sql, params = []) => (await client.query(sql, params)).rowCount ?? 0,
    copyIn: async (table, columns, text) => {
      const stream = client.query(copyFrom(`COPY ${quoted(table, columns)} FROM STDIN`));
      await new Promise<void>((resolve, reject) => {
        stream.on("error", reject);
        stream.on("finish", resolve);
        stream.end(text);
      });
    },
  };
  return {
    ...ops,
    transaction: async (fn) => {
      await client.query("BEGIN");
      try {
        const result = await fn(ops);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    close: () => client.end(),
  };
};

export const openSqlConnection = async (config: TDatabaseConfig): Promise<TSqlConnection> => {
  if (config.kind === "postgres") return postgresConnection(config.url);
  const { PGlite } = await import("@electric-sql/pglite");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(config.dataDir, { recursive: true });
  return pgliteConnection(await PGlite.create(config.dataDir));
};
