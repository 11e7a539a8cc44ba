// `npm run restore -- <file>`: puts a backup made by `npm run backup` back (docs/deploy.md,
// "Restore"). Stop the portal first.
//   Embedded (PGlite): the data directory now there is kept beside it, renamed
//   <dir>.before-restore-<time>; the restored one is opened and checked before it is put in place.
//   PostgreSQL (DATABASE_URL): pg_restore --clean --if-exists in one transaction.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { restorePglite, restorePostgres } from "@/lib/db/backup";
import { resolveDatabaseConfig } from "@/lib/db/config";

const { positionals } = parseArgs({ allowPositionals: true });
const file = positionals[0];
if (!file || !existsSync(file)) {
  console.error(file ? `no such file: ${file}` : "usage: npm run restore -- <backup file>");
  process.exit(2);
}
const config = resolveDatabaseConfig();
try {
  const done =
    config.kind === "pglite"
      ? await restorePglite(file, config.dataDir)
      : await restorePostgres(file, config.url);
  console.log(
    `restored ${file} (${done.bytes} bytes)` +
      (done.keptAs ? `; the previous data directory is kept at ${done.keptAs}` : ""),
  );
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
