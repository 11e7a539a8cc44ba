/** Runs once when a server instance starts: migrate the database and seed the demo data. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("@/lib/db/prepare");
  await prepareDatabase();
}
