// `npm run db:migrate`: apply pending migrations to the configured database (DATABASE_URL or PGlite).
import { resolveDatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { openSqlConnection } from "@/lib/db/sql";

const config = resolveDatabaseConfig();
const conn = await openSqlConnection(config);
try {
  const applied = await migrate(conn, { log: (line) => console.log(line) });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "the database is up to date");
} finally {
  await conn.close();
}
