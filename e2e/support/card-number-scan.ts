import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { E2E_DATABASE_URL, E2E_SHUTDOWN_DATABASE_URL, PORTS } from "./ports";
import { SECRET_NUMBERS } from "./test-numbers";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Every row of every table of a portal database, as text: a full dump, without pg_dump. Null for
 * a database that was never made (graceful-shutdown.spec.ts's, in a run without that spec).
 */
const dumpDatabase = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === "3D000") return null; // no such database
    throw error;
  }
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
      parts.push(`-- ${name}\n${JSON.stringify(rows)}`);
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
};

const filesUnder = (dir: string): string[] =>
  !existsSync(dir)
    ? []
    : readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        return statSync(file).isDirectory() ? filesUnder(file) : [file];
      });

/**
 * After the browser tests (Playwright's global teardown): the card and bank numbers the tests
 * typed into the gateway's hosted fields must appear nowhere in the portal's PostgreSQL
 * database, its embedded PGlite data directory, or its server logs. Card data stays at the
 * gateway: the portal keeps tokens, brand and last 4 only.
 */
export default async function scanForCardNumbers() {
  const dump = (await dumpDatabase(E2E_DATABASE_URL)) ?? "";
  const shutdownDump = await dumpDatabase(E2E_SHUTDOWN_DATABASE_URL);
  // The scan must have something to scan: the demo data, and the payments the tests made.
  if (!dump.includes("ST-1001")) throw new Error("card-number scan: the database dump looks empty");
  const logs = filesUnder(path.join(root, "test-results")).filter((f) => /server-(\d+|worker)\.log$/.test(f));
  if (logs.length === 0) throw new Error("card-number scan: no server logs to scan");
  const pglite = filesUnder(path.join(os.tmpdir(), `portal-e2e-pglite-${PORTS.embedded}`));

  const sources: [string, string][] = [
    ["the PostgreSQL database", dump],
    ...(shutdownDump === null
      ? []
      : [["graceful-shutdown.spec.ts's database", shutdownDump] as [string, string]]),
    ...logs.map((f): [string, string] => [path.relative(root, f), readFileSync(f, "latin1")]),
    ...pglite.map((f): [string, string] => [f, readFileSync(f, "latin1")]),
  ];
  const found = sources.flatMap(([where, text]) =>
    SECRET_NUMBERS.filter((n) => text.includes(n)).map((n) => `${n} in ${where}`),
  );
  if (found.length > 0) {
    throw new Error(`card or bank numbers found where they must never be:\n${found.join("\n")}`);
  }
  const payments = [dump, shutdownDump ?? ""]
    .map((d) => (d.match(/"receiptNumber":"R-/g) ?? []).length)
    .reduce((a, b) => a + b);
  console.log(
    `card-number scan: ${SECRET_NUMBERS.length} number forms, none in the databases (${payments} payments), ` +
      `${logs.length} server logs or ${pglite.length} PGlite files`,
  );
}
