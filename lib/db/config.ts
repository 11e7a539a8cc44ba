import path from "node:path";

export type TDatabaseConfig = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/**
 * With no DATABASE_URL the app runs on an embedded PGlite data directory (PGLITE_DATA_DIR,
 * default `.data/pglite`); with a postgres:// URL, on PostgreSQL.
 */
export const resolveDatabaseConfig = (env: NodeJS.ProcessEnv = process.env): TDatabaseConfig => {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        "DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the embedded database).",
      );
    }
    return { kind: "postgres", url };
  }
  const dataDir = env.PGLITE_DATA_DIR?.trim() || path.join(process.cwd(), ".data", "pglite");
  return { kind: "pglite", dataDir };
};
