import type { TSqlConnection } from "@/lib/db/sql";

/**
 * What Prisma's schema can express about the `public` schema, read from the catalog: tables,
 * columns (type, nullability, default), indexes, constraints (keys, foreign keys with their
 * actions, checks) and enum types with their labels in order. Column order, triggers and
 * functions are left out (the init migration adds an append-only trigger that the schema
 * cannot express), and so is Prisma's own `_prisma_migrations` table.
 */
export type TCatalogSnapshot = Awaited<ReturnType<typeof catalogSnapshot>>;

export const catalogSnapshot = async (conn: TSqlConnection) => {
  const [tables, columns, indexes, constraints, enums] = await Promise.all([
    conn.query<{ name: string; kind: string }>`
      SELECT c.relname AS name, c.relkind::text AS kind
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relname <> '_prisma_migrations'
        ORDER BY 1`,
    conn.query<{ table: string; column: string; type: string; notNull: boolean; default: string | null }>`
      SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type",
              a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default"
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> '_prisma_migrations'
        ORDER BY 1, 2`,
    conn.query<{ table: string; name: string; definition: string }>`
      SELECT tablename AS "table", indexname AS name, indexdef AS definition
         FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        ORDER BY 1, 2`,
    conn.query<{ table: string; name: string; type: string; definition: string }>`
      SELECT c.relname AS "table", con.conname AS name, con.contype::text AS "type",
              pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
        ORDER BY 1, 2`,
    conn.query<{ name: string; labels: string }>`
      SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public'
        GROUP BY t.typname
        ORDER BY 1`,
  ]);
  return { tables, columns, indexes, constraints, enums };
};
