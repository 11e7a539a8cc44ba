import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TDatabaseConfig } from "./config";

/** A minimal SQL connection used by migrations and test setup (not by the app, which uses Prisma). */
export type TSqlConnection = {
  /** Runs a script of one or more statements, no parameters. */
  exec: (sql: string) => Promise<void>;
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

export const pgliteConnection = (db: PGlite, { closeOnEnd = true } = {}): TSqlConnection => ({
  exec: async (sql) => {
    await db.exec(sql);
  },
  query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
  close: async () => {
    if (closeOnEnd) await db.close();
  },
});

export const postgresConnection = async (url: string): Promise<TSqlConnection> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    // The simple query protocol (no parameters) accepts several statements at once.
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
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
