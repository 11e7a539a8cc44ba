import { sql, type TSqlOps } from "@/lib/db/sql";

/**
 * Every row of every table of the test database, as JSON text, by table (`schema.name`): for
 * tests that prove a secret (a card or bank number) is stored nowhere.
 */
export const storedTextByTable = async (conn: TSqlOps): Promise<Map<string, string>> => {
  const tables = await conn.query<{ schema: string; name: string }>`
    SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`;
  const byTable = new Map<string, string>();
  for (const { schema, name } of tables) {
    const rows = await conn.query<{ row: string }>`
      SELECT row_to_json(t)::text AS row FROM ${sql.ident(schema, name)} t`;
    byTable.set(`${schema}.${name}`, rows.map((r) => r.row).join("\n"));
  }
  return byTable;
};
