import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "@/lib/db/config";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("resolveDatabaseConfig", () => {
  it("uses the embedded database in .data/pglite when nothing is configured", () => {
    expect(resolveDatabaseConfig(env({}))).toEqual({
      kind: "pglite",
      dataDir: path.join(process.cwd(), ".data", "pglite"),
    });
  });

  it("uses PGLITE_DATA_DIR for the embedded database", () => {
    expect(resolveDatabaseConfig(env({ PGLITE_DATA_DIR: " /var/lib/portal " }))).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/portal",
    });
  });

  it("treats a blank DATABASE_URL as unset", () => {
    expect(resolveDatabaseConfig(env({ DATABASE_URL: "   " })).kind).toBe("pglite");
  });

  it.each(["postgres://u:p@db.internal:5432/portal", "postgresql://postgres@127.0.0.1/portal"])(
    "uses PostgreSQL for %s",
    (url) => {
      expect(resolveDatabaseConfig(env({ DATABASE_URL: ` ${url} `, PGLITE_DATA_DIR: "/ignored" }))).toEqual({
        kind: "postgres",
        url,
      });
    },
  );

  it.each(["mysql://root@localhost/portal", "file:./dev.db", "localhost:5432"])("refuses %s", (url) => {
    expect(() => resolveDatabaseConfig(env({ DATABASE_URL: url }))).toThrow(
      /postgres:\/\/ or postgresql:\/\//,
    );
  });
});
