import { resolveDatabaseConfig } from "@/lib/db/config";
import { openDatabase } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/demo-data";

const { db, close } = await openDatabase(resolveDatabaseConfig(), { migrate: true });
try {
  const isSeeded = await seedDemoData(db);
  console.log(isSeeded ? "seeded the demo data" : "demo data already present; nothing changed");
} finally {
  await close();
}
