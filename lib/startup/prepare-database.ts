import { getDb } from "@/lib/db";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { seedDemoData } from "@/lib/seed/demo-data";
import { log } from "@/lib/log";

/**
 * Opens (and so migrates) the database, then seeds the demo data when asked: by default on
 * the embedded database (the demo), on PostgreSQL only with SEED_DEMO_DATA=true.
 */
export const prepareDatabase = async () => {
  const db = await getDb();
  const config = resolveDatabaseConfig();
  const flag = process.env.SEED_DEMO_DATA;
  const shouldSeed = flag ? flag === "true" : config.kind === "pglite";
  if (shouldSeed && (await seedDemoData(db))) log.info("[db] seeded the demo data");
};
