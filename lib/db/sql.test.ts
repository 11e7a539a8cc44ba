import { describe, expect, it } from "vitest";
import { isSqlFragment, prismaSql, sql, toQuery } from "@/lib/db/sql";

describe("sql", () => {
  it("binds every value as a numbered parameter, never into the text", () => {
    const id = "x'; DROP TABLE account; --";
    expect(toQuery(sql`SELECT * FROM account WHERE id = ${id} AND "balanceCents" > ${0}`)).toEqual({
      text: `SELECT * FROM account WHERE id = $1 AND "balanceCents" > $2`,
      values: [id, 0],
    });
  });

  it("leaves a statement without values as it is", () => {
    expect(toQuery(sql`BEGIN`)).toEqual({ text: "BEGIN", values: [] });
  });

  it("numbers the values of nested fragments in the order they appear", () => {
    const window = sql`"updatedAt" >= ${"start"} AND "updatedAt" < ${"end"}`;
    const query = sql`SELECT id FROM t WHERE a = ${1} AND (${window}) AND b = ${2}`;
    expect(toQuery(query)).toEqual({
      text: `SELECT id FROM t WHERE a = $1 AND ("updatedAt" >= $2 AND "updatedAt" < $3) AND b = $4`,
      values: [1, "start", "end", 2],
    });
  });

  it("flattens fragments nested several deep, at the start and the end", () => {
    const inner = sql`${"a"}`;
    const middle = sql`${inner} = ${inner}`;
    expect(toQuery(sql`${middle}`)).toEqual({ text: "$1 = $2", values: ["a", "a"] });
  });

  it("passes an array as one value (a PostgreSQL array)", () => {
    expect(toQuery(sql`SELECT * FROM t WHERE id = ANY(${["a", "b"]}::text[])`)).toEqual({
      text: "SELECT * FROM t WHERE id = ANY($1::text[])",
      values: [["a", "b"]],
    });
  });

  it("joins values and fragments with a separator", () => {
    const rows = [
      ["s1", 100],
      ["s2", 250],
    ].map(([id, cents]) => sql`(${id}, ${cents}::int)`);
    expect(toQuery(sql`VALUES ${sql.join(rows)}`)).toEqual({
      text: "VALUES ($1, $2::int), ($3, $4::int)",
      values: ["s1", 100, "s2", 250],
    });
    expect(toQuery(sql`WHERE id IN (${sql.join(["a", "b", "c"])})`)).toEqual({
      text: "WHERE id IN ($1, $2, $3)",
      values: ["a", "b", "c"],
    });
    expect(toQuery(sql`WHERE ${sql.join([sql`a = ${1}`, sql`b = ${2}`], " AND ")}`).text).toBe(
      "WHERE a = $1 AND b = $2",
    );
  });

  it("refuses to join nothing", () => {
    expect(() => sql.join([])).toThrow(/at least one/);
  });

  it("quotes identifiers and doubles the quotes inside them", () => {
    expect(toQuery(sql`SELECT * FROM ${sql.ident("balance_stage")}`).text).toBe(
      `SELECT * FROM "balance_stage"`,
    );
    expect(toQuery(sql`SELECT * FROM ${sql.ident("public", "user")}`).text).toBe(
      `SELECT * FROM "public"."user"`,
    );
    expect(toQuery(sql`DROP TABLE ${sql.ident('x"; DROP TABLE account; --')}`).text).toBe(
      `DROP TABLE "x""; DROP TABLE account; --"`,
    );
  });

  it("refuses an empty identifier or one with a NUL", () => {
    expect(() => sql.ident("")).toThrow(/Not an SQL identifier/);
    expect(() => sql.ident("a\0b")).toThrow(/Not an SQL identifier/);
    expect(() => sql.ident()).toThrow(/Not an SQL identifier/);
  });

  it("takes raw text and an empty fragment without values", () => {
    const order = sql.raw("DESC");
    expect(toQuery(sql`SELECT 1 ORDER BY 1 ${order}${sql.empty}`)).toEqual({
      text: "SELECT 1 ORDER BY 1 DESC",
      values: [],
    });
    const template = undefined as string | undefined;
    expect(
      toQuery(sql`CREATE DATABASE x ${template ? sql`TEMPLATE ${sql.ident(template)}` : sql.empty}`).text,
    ).toBe("CREATE DATABASE x ");
  });

  it("recognises its fragments by their brand, not their shape", () => {
    expect(isSqlFragment(sql`SELECT 1`)).toBe(true);
    expect(isSqlFragment({ strings: ["SELECT 1"], values: [] })).toBe(false);
    expect(isSqlFragment(null)).toBe(false);
    // A look-alike object is a value like any other: bound, not inlined.
    expect(toQuery(sql`SELECT ${{ strings: ["1"], values: [] }}`).text).toBe("SELECT $1");
  });

  it("is Prisma's own Sql for $queryRaw, with the same text and its values bound", () => {
    const where = sql`"practiceId" = ${"pr'1"}`;
    const query = prismaSql(sql`SELECT id FROM payment WHERE ${where} LIMIT ${5}`);
    expect(query.text).toBe(`SELECT id FROM payment WHERE "practiceId" = $1 LIMIT $2`);
    expect(query.values).toEqual(["pr'1", 5]);
  });
});
