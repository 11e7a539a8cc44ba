import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TDatabaseConfig } from "./config";

// Recognised by this brand, never `instanceof`: a production build can hold this module in
// several chunks (docs/style.md, "Errors"). `Symbol.for` is the same symbol in every chunk.
const SQL_FRAGMENT = Symbol.for("portal.sqlFragment");

/**
 * A piece of SQL with its bound values, as Prisma's `Prisma.sql` makes it: the text between the
 * values in `strings` (always one more than `values`), each value sent as a parameter ($1, $2 …),
 * never written into the text. Nested fragments are flattened into it when it is made.
 */
export type TSqlFragment = {
  readonly [SQL_FRAGMENT]: true;
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
};

export const isSqlFragment = (value: unknown): value is TSqlFragment =>
  typeof value === "object" && value !== null && (value as Partial<TSqlFragment>)[SQL_FRAGMENT] === true;

const fragment = (strings: readonly string[], values: readonly unknown[]): TSqlFragment => ({
  [SQL_FRAGMENT]: true,
  strings,
  values,
});

/** Flattens `strings` and `values`, inlining the values that are fragments themselves. */
const build = (strings: readonly string[], values: readonly unknown[]): TSqlFragment => {
  // The text so far after the last value; the text around a nested fragment's values joins it.
  let tail = strings[0] ?? "";
  const outStrings: string[] = [];
  const outValues: unknown[] = [];
  values.forEach((value, i) => {
    const after = strings[i + 1] ?? "";
    if (isSqlFragment(value)) {
      const [first = "", ...rest] = value.strings;
      tail += first;
      for (const [j, part] of rest.entries()) {
        outStrings.push(tail);
        outValues.push(value.values[j]);
        tail = part;
      }
      tail += after;
    } else {
      outStrings.push(tail);
      outValues.push(value);
      tail = after;
    }
  });
  return fragment([...outStrings, tail], outValues);
};

/** Text the code wrote itself (a keyword, an operator), never anything that came from outside. */
const raw = (text: string) => fragment([text], []);

/**
 * A quoted identifier (`"name"`, or `"schema"."table"` given two names), for the rare table or
 * column named at run time (a temporary table, a test database). Quotes inside are doubled.
 */
const ident = (...names: string[]) => {
  if (names.length === 0 || names.some((n) => n.length === 0 || n.includes("\0"))) {
    throw new Error(`Not an SQL identifier: ${JSON.stringify(names)}`);
  }
  return raw(names.map((n) => `"${n.replaceAll('"', '""')}"`).join("."));
};

/**
 * Items joined by `separator` (", " unless told): fragments are inlined, anything else is a
 * bound value. An empty list is refused, as `Prisma.join` refuses it (`IN ()` is not SQL).
 */
const join = (items: readonly unknown[], separator = ", ") => {
  if (items.length === 0) throw new Error("sql.join needs at least one item.");
  return build(["", ...items.slice(1).map(() => separator), ""], items);
};

/**
 * The one way SQL is written for a `TSqlConnection`, in the style of Prisma's `$queryRaw`:
 * sql`SELECT … WHERE id = ${id}` binds `id` as $1. `sql.ident` quotes a name, `sql.join` lists
 * values or fragments, `sql.raw` is text written in the code, `sql.empty` is nothing.
 */
export const sql = Object.assign(
  (strings: TemplateStringsArray, ...values: unknown[]): TSqlFragment => build(strings, values),
  { raw, ident, join, empty: raw("") },
);

/**
 * Prisma's own `Prisma.sql` fragment (already flattened: its strings and bound values) as one of
 * ours, for a statement written with Prisma's tag that runs past Prisma Client (`queryRows`).
 */
export const fromPrismaSql = (query: Prisma.Sql): TSqlFragment => fragment(query.strings, query.values);

/** The text with $1, $2 … and the values in that order, as the drivers take them. */
export const toQuery = (query: TSqlFragment) => ({
  text: query.strings.reduce((text, part, i) => `${text}$${i}${part}`),
  values: [...query.values],
});

/**
 * A fragment made with `sql` as Prisma's own `Prisma.Sql` (the same text and bound values), for
 * `$queryRaw` and `$executeRaw` on Prisma Client or a transaction: `db.$queryRaw<TRow[]>(prismaSql(query))`.
 * The one way a query built from fragments (a report's filters, a query shared with a
 * `TSqlConnection`) reaches Prisma; its values stay parameters, never written into the text.
 */
export const prismaSql = (query: TSqlFragment) => new Prisma.Sql(query.strings, query.values as unknown[]);

/** A tagged template, or a fragment made beforehand with `sql`. */
type TSqlInput = [strings: TemplateStringsArray | TSqlFragment, ...values: unknown[]];

const fromInput = ([strings, ...values]: TSqlInput) =>
  toQuery(isSqlFragment(strings) ? strings : build(strings, values));

/** What can be run on a connection, or inside one of its transactions. */
export type TSqlOps = {
  /** Runs one statement and returns its rows: conn.query<TRow>`SELECT … WHERE id = ${id}`. */
  query: <T = Record<string, unknown>>(...input: TSqlInput) => Promise<T[]>;
  /** Runs one statement and returns how many rows it inserted, updated or deleted. */
  run: (...input: TSqlInput) => Promise<number>;
  /**
   * Runs a script of several statements that takes no values: a migration file, the SQL Prisma
   * derives from the schema. Nothing from outside the repository goes into one.
   */
  execScript: (script: string) => Promise<void>;
  /**
   * `COPY table (columns) FROM` the given text (PostgreSQL's text format: tab-separated, one row
   * a line, `\N` for null, backslashes escaped): the fastest way rows get into a table.
   */
  copyIn: (table: string, columns: readonly string[], text: string) => Promise<void>;
};

/**
 * A minimal SQL connection used by migrations, test setup and bulk work (COPY, temporary
 * tables), beside the app's Prisma Client (docs/database.md).
 */
export type TSqlConnection = TSqlOps & {
  /** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
  transaction: <T>(fn: (tx: TSqlOps) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

const copyStatement = (table: string, columns: readonly string[], source: TSqlFragment) =>
  toQuery(sql`COPY ${sql.ident(table)} (${sql.join(columns.map((c) => sql.ident(c)))}) FROM ${source}`).text;

const pgliteOps = (db: Pick<PGlite, "query" | "exec">): TSqlOps => ({
  query: async <T>(...input: TSqlInput) => {
    const { text, values } = fromInput(input);
    return (await db.query<T>(text, values)).rows;
  },
  run: async (...input) => {
    const { text, values } = fromInput(input);
    return (await db.query(text, values)).affectedRows ?? 0;
  },
  execScript: async (script) => {
    await db.exec(script);
  },
  // PGlite reads COPY data from a blob it exposes as the file /dev/blob.
  copyIn: async (table, columns, text) => {
    await db.query(copyStatement(table, columns, sql`'/dev/blob'`), [], { blob: new Blob([text]) });
  },
});

export const pgliteConnection = (db: PGlite, { closeOnEnd = true } = {}): TSqlConnection => ({
  ...pgliteOps(db),
  // PGlite's own transaction holds its one session: nothing else runs inside it meanwhile.
  transaction: (fn) => db.transaction((tx) => fn(pgliteOps(tx))),
  close: async () => {
    if (closeOnEnd) await db.close();
  },
});

export const postgresConnection = async (url: string): Promise<TSqlConnection> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ops: TSqlOps = {
    query: async <T>(...input: TSqlInput) => (await client.query(fromInput(input))).rows as T[],
    run: async (...input) => (await client.query(fromInput(input))).rowCount ?? 0,
    // The simple query protocol (no values) accepts several statements at once.
    execScript: async (script) => {
      await client.query(script);
    },
    copyIn: async (table, columns, text) => {
      const stream = client.query(copyFrom(copyStatement(table, columns, sql`STDIN`)));
      await new Promise<void>((resolve, reject) => {
        stream.on("error", reject);
        stream.on("finish", resolve);
        stream.end(text);
      });
    },
  };
  return {
    ...ops,
    transaction: async (fn) => {
      await ops.run`BEGIN`;
      try {
        const result = await fn(ops);
        await ops.run`COMMIT`;
        return result;
      } catch (error) {
        await ops.run`ROLLBACK`.catch(() => undefined);
        throw error;
      }
    },
    close: () => client.end(),
  };
};

export const openSqlConnection = async (config: TDatabaseConfig): Promise<TSqlConnection> => {
  if (config.kind === "postgres") return postgresConnection(config.url);
  const { PGlite } = await import("@electric-sql/pglite");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(config.dataDir, { recursive: true });
  return pgliteConnection(await PGlite.create(config.dataDir));
};
