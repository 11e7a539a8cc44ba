// `npm run bench:imports`: a generated balance file (IMPSCIF) of N rows (default 1,000,000)
// imported into PostgreSQL by the portal's importer, and in the same run the same file
// COPY'd into a plain table of 48 text columns as the baseline. Reports time, rows/s and the
// importer's peak memory (RSS sampled every 20 ms). See bench/README.md and RESULTS.md.
import { createWriteStream, createReadStream } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, setDbForTests } from "@/lib/db";
import { importBalanceFile } from "@/lib/imports/balance-import";
import { DEMO, seedDemoData } from "@/lib/seed/demo-data";
import { assertLocalDatabaseUrl, withDatabaseName } from "@/lib/test/postgres";

const param = (name: string, fallback: number) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = Number(raw ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} must be a positive number`);
  return Math.floor(value);
};
const ROWS = param("rows", 1_000_000);
const ACCOUNTS = param("accounts", 200_000);
const ADMIN_URL = assertLocalDatabaseUrl(
  process.env.TEST_DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres",
);
const log = (line = "") => console.log(line);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** One IMPSCIF row: 48 fields, realistic widths (about 230 bytes). */
const rowOf = (i: number) => {
  const account = i % ACCOUNTS;
  const fields = new Array<string>(48).fill("");
  fields[0] = "IMPSCIF";
  fields[1] = `P-${account}`;
  fields[2] = "Morgan";
  fields[4] = "Ellis-Whitaker";
  fields[5] = "19850412";
  fields[6] = "2155550142";
  fields[7] = `ST-B${String(i).padStart(8, "0")}`;
  fields[8] = `${(100 + ((i * 7919) % 99_900)) / 100}`.replace(/^(\d+)$/, "$1.00");
  fields[9] = "20261120";
  fields[10] = DEMO.practice.clientId;
  fields[11] = "PRV-17";
  fields[12] = "Dr. Ana Ruiz";
  fields[13] = "1200 Walnut Street";
  fields[15] = "Philadelphia";
  fields[16] = "PA";
  fields[17] = "19107";
  fields[22] = "A";
  fields[27] = "morgan.ellis@example.com";
  fields[31] = "48 Pine Street";
  fields[33] = "Philadelphia";
  fields[34] = "PA";
  fields[35] = "19103";
  fields[37] = `G-${account}`;
  fields[38] = "Morgan";
  fields[39] = "Ellis-Whitaker";
  fields[41] = "400.00";
  fields[43] = "120.00";
  return fields.join("|");
};

const writeFile = async (file: string) => {
  const out = createWriteStream(file);
  let chunk: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    chunk.push(rowOf(i));
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join("\n")}\n`)) await once(out, "drain");
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join("\n")}\n`);
  out.end();
  await once(out, "finish");
};

const main = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "portal-import-bench-"));
  const dbName = `portal_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  let close: (() => Promise<void>) | undefined;
  try {
    const file = path.join(dir, "PS_RFM001_20261124_BENCH.txt");
    const t0Gen = performance.now();
    await writeFile(file);
    // PostgreSQL's own COPY reads the file as the server's user.
    await chmod(dir, 0o755);
    await chmod(file, 0o644);
    const size = (await stat(file)).size;
    log(
      `file: ${ROWS} rows, ${mb(size)} (${((performance.now() - t0Gen) / 1000).toFixed(1)} s to generate, not timed)`,
    );

    await admin.query(`CREATE DATABASE "${dbName}"`);
    const url = withDatabaseName(ADMIN_URL, dbName);
    const database = await openDatabase({ kind: "postgres", url }, { migrate: true });
    close = database.close;
    setDbForTests(database);
    await seedDemoData(database.db);
    const practice = await database.db.practice.findUniqueOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    const [{ version }] = await database.db.$queryRaw<[{ version: string }]>`SELECT version()`;

    // Baseline: COPY into a plain table of 48 text columns, same database.
    const copy = new pg.Client({ connectionString: url });
    await copy.connect();
    await copy.query(
      `CREATE TABLE copy_baseline (${Array.from({ length: 48 }, (_, i) => `c${i + 1} text`).join(", ")})`,
    );
    const t0Copy = performance.now();
    await copy.query(`COPY copy_baseline FROM '${file}' WITH (FORMAT text, DELIMITER '|')`);
    const copyMs = performance.now() - t0Copy;
    await copy.end();

    // The importer, with its memory sampled.
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t0Import = performance.now();
    const result = await importBalanceFile({
      practiceId: practice.id,
      fileName: path.basename(file),
      read: () => createReadStream(file, { highWaterMark: 256 * 1024 }),
      actor: { kind: "system" },
    });
    const importMs = performance.now() - t0Import;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const statements = await database.db.statement.count({ where: { importFileId: result.importFileId } });
    const ok = result.acceptedCount === ROWS && statements === ROWS;

    // A reference, not the baseline: the statements just imported COPY'd straight into a copy of
    // the statement table with its indexes and foreign keys. What storing them at all costs here,
    // with no parsing, validation, upsert or acknowledgement.
    const serverDir = path.join(dir, "server");
    await mkdir(serverDir);
    await chmod(serverDir, 0o777);
    const statementsFile = path.join(serverDir, "statements.copy");
    const floor = new pg.Client({ connectionString: url });
    await floor.connect();
    await floor.query(
      `COPY (SELECT * FROM statement WHERE "importFileId" = '${result.importFileId}') TO '${statementsFile}'`,
    );
    await floor.query(`CREATE TABLE statement_floor (LIKE statement INCLUDING ALL)`);
    await floor.query(
      `ALTER TABLE statement_floor ADD CONSTRAINT floor_account_fk FOREIGN KEY ("accountId") REFERENCES account (id),
                                   ADD CONSTRAINT floor_import_fk FOREIGN KEY ("importFileId") REFERENCES import_file (id)`,
    );
    const copyFloor = async () => {
      await floor.query(`TRUNCATE statement_floor`);
      const t0 = performance.now();
      await floor.query(`COPY statement_floor FROM '${statementsFile}'`);
      return performance.now() - t0;
    };
    const floorMs = await copyFloor();
    // What each part of the floor costs: without the foreign keys, then with only the keys an
    // upsert needs (the primary key and the unique statement number), then with nothing.
    await floor.query(
      `ALTER TABLE statement_floor DROP CONSTRAINT floor_account_fk, DROP CONSTRAINT floor_import_fk`,
    );
    const noForeignKeysMs = await copyFloor();
    const indexes = await floor.query<{ name: string; isUnique: boolean; isPrimary: boolean }>(
      `SELECT c.relname AS name, x.indisunique AS "isUnique", x.indisprimary AS "isPrimary"
         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
        WHERE x.indrelid = 'statement_floor'::regclass`,
    );
    const drop = (i: { name: string; isPrimary: boolean }) =>
      floor.query(
        i.isPrimary ? `ALTER TABLE statement_floor DROP CONSTRAINT "${i.name}"` : `DROP INDEX "${i.name}"`,
      );
    for (const i of indexes.rows.filter((i) => !i.isUnique)) await drop(i);
    const keysOnlyMs = await copyFloor();
    for (const i of indexes.rows.filter((i) => i.isUnique)) await drop(i);
    const bareMs = await copyFloor();
    await floor.end();

    log();
    log(`## Machine`);
    log(
      `- CPU: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} logical cores; memory ${mb(os.totalmem())}`,
    );
    log(`- Node ${process.version}; ${version.split(",")[0]}`);
    log(
      `- load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    log();
    log(`## Figures (${ROWS} rows, ${ACCOUNTS} accounts)`);
    log();
    log(`| figure | import (importBalanceFile) | baseline (COPY) | import / baseline |`);
    log(`| --- | --- | --- | --- |`);
    log(
      `| time | ${(importMs / 1000).toFixed(1)} s | ${(copyMs / 1000).toFixed(1)} s | ${(importMs / copyMs).toFixed(2)}× |`,
    );
    log(`| rows/s | ${Math.round(ROWS / (importMs / 1000))} | ${Math.round(ROWS / (copyMs / 1000))} | |`);
    log(`| peak RSS of this process | ${mb(peak)} (${mb(rssBefore)} before the import) | (server side) | |`);
    log();
    log(
      `- reference: the same ${ROWS} statements COPY'd straight into a copy of the statement table ` +
        `(its 4 indexes, 2 foreign keys): ${(floorMs / 1000).toFixed(1)} s = ${(floorMs / copyMs).toFixed(2)}× ` +
        `the baseline; the import takes ${(importMs / floorMs).toFixed(2)}× that`,
    );
    const ofBaseline = (ms: number) =>
      `${(ms / 1000).toFixed(1)} s = ${(ms / copyMs).toFixed(2)}× the baseline`;
    log(`  - without its 2 foreign keys: ${ofBaseline(noForeignKeysMs)}`);
    log(
      `  - with only the keys an upsert needs (primary key, unique statement number): ${ofBaseline(keysOnlyMs)}`,
    );
    log(`  - with no index and no key at all: ${ofBaseline(bareMs)}`);
    log();
    log(
      `- targets: within 3× COPY → ${importMs <= 3 * copyMs ? "met" : "NOT met"}; under 300 MB peak → ${peak < 300 * 1024 * 1024 ? "met" : "NOT met"}`,
    );
    log(
      `- correctness: accepted ${result.acceptedCount}, rejected ${result.rejectedCount}, statements written ${statements} → ${ok ? "OK" : "WRONG"}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    setDbForTests(undefined);
    await close?.();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
};

void main();
