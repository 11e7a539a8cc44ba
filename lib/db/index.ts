import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseConfig, type TDatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { pgliteConnection, postgresConnection, type TSqlConnection } from "@/lib/db/sql";
import { log } from "@/lib/log";

export type TDb = PrismaClient;
export type TOpenDatabase = {
  db: PrismaClient;
  /** Where it is: the job queue opens its own connections to PostgreSQL, or shares the one PGlite. */
  target: { kind: "postgres"; url: string } | { kind: "pglite"; pglite: PGlite };
  close: () => Promise<void>;
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
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url, max: 10 }) });
    return { db, target: { kind: "postgres", url: config.url }, close: () => db.$disconnect() };
  }
  const [{ PGlite }, { PrismaPGlite }, { mkdir }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
    import("node:fs/promises"),
  ]);
  if (!config.dataDir.startsWith("memory://")) await mkdir(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir);
  if (shouldMigrate)
    await migrate(pgliteConnection(pglite, { closeOnEnd: false }), { log: (l) => log.info(`[db] ${l}`) });
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    target: { kind: "pglite", pglite },
    close: async () => {
      await db.$disconnect();
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
