// `npm run backup [-- --out <file>]`: a backup of the configured database, safe while the portal
// runs (docs/deploy.md, "Backups").
//   Embedded (PGlite): a gzipped tar of the data directory, made by the running server itself
//   (asked with SIGUSR2), or here when no server runs. Default file: backups/portal-<time>.tar.gz
//   PostgreSQL (DATABASE_URL): pg_dump's custom format. Default file: backups/portal-<time>.dump
import path from "node:path";
import { parseArgs } from "node:util";
import { backupPglite, backupPostgres } from "@/lib/db/backup";
import { resolveDatabaseConfig } from "@/lib/db/config";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const config = resolveDatabaseConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const out = path.resolve(
  values.out ?? path.join("backups", `portal-${stamp}.${config.kind === "pglite" ? "tar.gz" : "dump"}`),
);

try {
  const done =
    config.kind === "pglite"
      ? await backupPglite(config.dataDir, out)
      : await backupPostgres(config.url, out);
  console.log(`backup written: ${done.file} (${done.bytes} bytes, by ${done.by})`);
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
