import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { resolveDatabaseConfig, type TDatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import {
  fromPrismaSql,
  isSqlFragment,
  pgliteConnection,
  postgresConnection,
  prismaSql,
  toQuery,
  type TSqlConnection,
  type TSqlFragment,
} from "@/lib/db/sql";
import { log } from "@/lib/log";
import { statementNamer } from "@/lib/db/statement-names";

export type TDb = PrismaClient;

/** Runs one statement made with `sql` on the process's connections, past Prisma Client; its rows. */
export type TReadRows = <T>(query: TSqlFragment) => Promise<T[]>;

export type TOpenDatabase = {
  db: PrismaClient;
  /** Where it is: the job queue opens its own connections to PostgreSQL, or shares the one PGlite. */
  target: { kind: "postgres"; url: string } | { kind: "pglite"; pglite: PGlite };
  /** The hot paths' reads (readRows), on the same connections as `db`. */
  read?: TReadRows;
  close: () => Promise<void>;
};

/**
 * Prisma Client and the hot paths' reader on one set of connections: on PostgreSQL one `pg`
 * pool that Prisma's adapter and the reader share (`max` connections in all), on PGlite its one
 * session. `close` ends the client and the pool (not the PGlite, which its owner closes).
 */
export const connectClient = async (
  target: TOpenDatabase["target"],
  { max = 10 }: { max?: number } = {},
): Promise<{ db: PrismaClient; read: TReadRows; close: () => Promise<void> }> => {
  if (target.kind === "postgres") {
    const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
    const pool = new pg.Pool({ connectionString: target.url, max });
    // An idle connection that the server ends (a restart, a failover) is an 'error' on the pool,
    // which would end the process with nobody listening. Prisma's adapter listens only once
    // Prisma Client has connected, and an instance that has served only pages never has; the
    // next statement opens a new connection.
    pool.on("error", (error) => log.warn({ err: error }, "[db] an idle connection was closed"));
    const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    const nameOf = statementNamer();
    return {
      db,
      read: async <T>(query: TSqlFragment) => {
        const { text, values } = toQuery(query);
        return (await pool.query({ name: nameOf(text), text, values })).rows as T[];
      },
      close: async () => {
        // Ends the pool through the adapter; a Prisma Client that never connected has none.
        await db.$disconnect();
        if (!pool.ended) await pool.end();
      },
    };
  }
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const { pglite } = target;
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    read: async <T>(query: TSqlFragment) => {
      const { text, values } = toQuery(query);
      return (await pglite.query<T>(text, values)).rows;
    },
    close: () => db.$disconnect(),
  };
};

/**
 * Opens the configured database with the right Prisma driver adapter, applying pending
 * migrations first when asked. PGlite is opened once and shared by the migrator and Prisma
 * (a PGlite data directory must have a single owner).
 */
export const openDatabase = async (
  config: TDatabaseConfig,
  { migrate: shouldMigrate = false }: { migrate?: boolean } = {},
): Promise<TOpenDatabase> => {
  if (config.kind === "postgres") {
    if (shouldMigrate) {
      const conn = await postgresConnection(config.url);
      try {
        await migrate(conn, { log: (l) => log.info(`[db] ${l}`) });
      } finally {
        await conn.close();
      }
    }
    const target = { kind: "postgres" as const, url: config.url };
    const { db, read, close } = await connectClient(target);
    return { db, target, read, close };
  }
  const [{ PGlite }, { mkdir }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("node:fs/promises"),
  ]);
  if (!config.dataDir.startsWith("memory://")) await mkdir(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir);
  if (shouldMigrate)
    await migrate(pgliteConnection(pglite, { closeOnEnd: false }), { log: (l) => log.info(`[db] ${l}`) });
  const target = { kind: "pglite" as const, pglite };
  const { db, read, close } = await connectClient(target);
  return {
    db,
    target,
    read,
    close: async () => {
      await close();
      await pglite.close();
    },
  };
};

const globalForDb = globalThis as unknown as { __portalDb?: Promise<TOpenDatabase> };

/**
 * The one database of this process, opened on first use (so that importing this module during
 * `next build` opens no database). It applies pending migrations unless DB_AUTO_MIGRATE=false.
 * Tests install their own with `setDbForTests`.
 */
export const getDatabase = (): Promise<TOpenDatabase> => {
  globalForDb.__portalDb ??= openDatabase(resolveDatabaseConfig(), {
    migrate: process.env.DB_AUTO_MIGRATE !== "false",
  });
  return globalForDb.__portalDb;
};

/** The Prisma Client of this process's database (getDatabase). */
export const getDb = async (): Promise<PrismaClient> => (await getDatabase()).db;

/**
 * One read-only statement on this process's database, past Prisma Client: for the reads that
 * every request or every patient page makes (the session check, the bills, the pay page, the
 * receipt). Prisma compiles each model query in WASM and interprets its plan, some 1–2 ms of CPU
 * a query with a relation, against a fraction of that for the same rows read here (docs/database.md,
 * "Hot paths"). Same `sql` tag, same bound values; rows come as the driver reads them
 * (timestamps as Date, int4 as number: cast counts and sums to int).
 */
export const readRows = <T>(query: TSqlFragment): Promise<T[]> => queryRows<T>(query);

/**
 * One statement on this process's database, past Prisma Client, a read or a write that is whole
 * in itself (it commits on its own, as `$queryRaw` outside a transaction does): for the
 * payment's own statements (its payable statements, the intent, the approval, the card-testing
 * limits), each of which runs on every payment. Prisma Client runs even a raw statement through
 * its query compiler and interpreter, a quarter of the portal's CPU per payment when profiled
 * (docs/database.md, "Hot paths"). Takes our `sql` tag or Prisma's `Prisma.sql` (the same text
 * and bound values); rows come as the driver reads them (as readRows), and errors are the
 * driver's (lib/db/errors.ts recognises a unique violation from either).
 */
export const queryRows = async <T>(query: TSqlFragment | Prisma.Sql): Promise<T[]> => {
  const database = await getDatabase();
  const statement = isSqlFragment(query) ? query : fromPrismaSql(query);
  // A bare client installed by a benchmark has no reader: the same statement through Prisma.
  return database.read ? database.read<T>(statement) : database.db.$queryRaw<T[]>(prismaSql(statement));
};

/**
 * A plain SQL connection for bulk work (COPY, temporary tables): on PostgreSQL a connection of
 * its own, beside Prisma's pool, that the caller closes; on PGlite the one PGlite (closing it
 * leaves the database open).
 */
export const openBulkConnection = async (): Promise<TSqlConnection> => {
  const { target } = await getDatabase();
  return target.kind === "postgres"
    ? postgresConnection(target.url)
    : pgliteConnection(target.pglite, { closeOnEnd: false });
};

/**
 * How many bulk connections one job should write through at once: two on PostgreSQL (the
 * server runs them side by side), one on PGlite (one session: they would only queue).
 */
export const bulkWriterCount = async () => ((await getDatabase()).target.kind === "postgres" ? 2 : 1);

export const setDbForTests = (database: TOpenDatabase | PrismaClient | undefined) => {
  globalForDb.__portalDb =
    database === undefined
      ? undefined
      : Promise.resolve(
          "db" in database
            ? database
            : // A bare client (the benchmark's logging client): no job queue on it.
              { db: database, target: { kind: "postgres", url: "" }, close: () => database.$disconnect() },
        );
};
