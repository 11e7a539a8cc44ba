import { randomBytes } from "node:crypto";
import { postgresConnection, sql, type TSqlConnection } from "@/lib/db/sql";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database that each integration test file copies (int-postgres only). */
    postgresTemplateDb: string;
  }
}

export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const TEST_DATABASE_PREFIX = "portal_test_";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Where the tests create their databases: TEST_DATABASE_URL, else DATABASE_URL, else the local default. */
export const postgresAdminUrl = (env: NodeJS.ProcessEnv = process.env) =>
  env.TEST_DATABASE_URL?.trim() || env.DATABASE_URL?.trim() || DEFAULT_TEST_DATABASE_URL;

/**
 * Tests create and drop databases, so they refuse any server that is not on this machine
 * (a socket path or a loopback host), whatever the URL says about it.
 */
export const assertLocalDatabaseUrl = (url: string): string => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("The test database URL is not a valid URL.");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error("The test database URL must be a postgres:// or postgresql:// URL.");
  }
  // node-postgres lets ?host= override the host part (a directory means a Unix socket).
  const hostParam = parsed.searchParams.get("host");
  const hosts = [parsed.hostname, hostParam].filter((h): h is string => Boolean(h));
  if (hosts.length === 0) throw new Error("The test database URL names no host.");
  const remote = hosts.find((h) => !LOCAL_HOSTS.has(h.toLowerCase()) && !h.startsWith("/"));
  if (remote) {
    throw new Error(
      `Refusing to run tests against the database host "${remote}": tests create and drop databases, so they only run on a local server.`,
    );
  }
  return url;
};

export const withDatabaseName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const withAdminClient = async <T>(adminUrl: string, fn: (conn: TSqlConnection) => Promise<T>) => {
  let conn: TSqlConnection;
  try {
    conn = await postgresConnection(adminUrl);
  } catch (error) {
    throw new Error(
      `Cannot reach the test PostgreSQL server (${new URL(adminUrl).host}): ${(error as Error).message}. Start it, or set TEST_DATABASE_URL to a local server.`,
      { cause: error },
    );
  }
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
};

/** Creates an empty (or template-copied) database with a random name and returns the name. */
export const createPostgresDatabase = async ({
  adminUrl,
  template,
  prefix = TEST_DATABASE_PREFIX,
}: {
  adminUrl: string;
  template?: string;
  prefix?: string;
}) => {
  const name = `${prefix}${randomBytes(6).toString("hex")}`;
  await withAdminClient(assertLocalDatabaseUrl(adminUrl), async (conn) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await conn.run`CREATE DATABASE ${sql.ident(name)} ${template ? sql`TEMPLATE ${sql.ident(template)}` : sql.empty}`;
        return;
      } catch (error) {
        // 55006: the template is briefly in use (another file copying it at the same moment).
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return name;
};

export const dropPostgresDatabase = async ({ adminUrl, name }: { adminUrl: string; name: string }) => {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`Not a test database: ${name}`);
  await withAdminClient(
    assertLocalDatabaseUrl(adminUrl),
    (conn) => conn.run`DROP DATABASE IF EXISTS ${sql.ident(name)} WITH (FORCE)`,
  );
};
