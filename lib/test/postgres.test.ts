import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEST_DATABASE_URL,
  assertLocalDatabaseUrl,
  postgresAdminUrl,
  withDatabaseName,
} from "@/lib/test/postgres";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("assertLocalDatabaseUrl", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/postgres",
    "postgres://postgres@localhost/test",
    "postgresql://postgres@[::1]:5432/postgres",
    "postgresql://postgres@localhost/postgres?host=/var/run/postgresql",
  ])("allows the local server %s", (url) => {
    expect(assertLocalDatabaseUrl(url)).toBe(url);
  });

  it.each([
    "postgresql://postgres@db.example.com:5432/postgres",
    "postgresql://postgres@10.0.0.5/postgres",
    "postgresql://postgres@localhost/postgres?host=prod-db.internal",
  ])("refuses the remote server %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).toThrow(/Refusing to run tests/);
  });

  it("refuses URLs that are not PostgreSQL", () => {
    expect(() => assertLocalDatabaseUrl("mysql://root@localhost/db")).toThrow(/postgres/);
    expect(() => assertLocalDatabaseUrl("not a url")).toThrow(/not a valid URL/);
  });
});

describe("postgresAdminUrl", () => {
  it("prefers TEST_DATABASE_URL, then DATABASE_URL, then the local default", () => {
    expect(
      postgresAdminUrl(
        env({
          TEST_DATABASE_URL: "postgresql://a@localhost/x",
          DATABASE_URL: "postgresql://b@localhost/y",
        }),
      ),
    ).toBe("postgresql://a@localhost/x");
    expect(postgresAdminUrl(env({ DATABASE_URL: "postgresql://b@localhost/y" }))).toBe(
      "postgresql://b@localhost/y",
    );
    expect(postgresAdminUrl(env({}))).toBe(DEFAULT_TEST_DATABASE_URL);
  });
});

describe("withDatabaseName", () => {
  it("swaps only the database name", () => {
    expect(
      withDatabaseName("postgresql://postgres:pw@127.0.0.1:5432/postgres?sslmode=disable", "portal_test_ab"),
    ).toBe("postgresql://postgres:pw@127.0.0.1:5432/portal_test_ab?sslmode=disable");
  });
});
