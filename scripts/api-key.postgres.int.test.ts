import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { makePractice } from "@/lib/test/api-fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * `npm run api-key` as an operator runs it, in a process of its own against the test's
 * PostgreSQL database (PGlite in memory cannot be shared with another process).
 */
const database = setupTestDatabase();

const apiKey = async (...args: string[]) => {
  if (database.target.kind !== "postgres") throw new Error("PostgreSQL only");
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "./scripts/server-only.mjs", "--import", "tsx", "scripts/api-key.ts", ...args],
      {
        env: { ...process.env, DATABASE_URL: database.target.url, DB_AUTO_MIGRATE: "false" },
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe("npm run api-key", () => {
  it("creates a key (printed once, stored hashed), lists it and revokes it by its prefix", async () => {
    const practice = await makePractice(database.db);
    const created = await apiKey("create", "--name", "PMS sync", "--scope", "write");
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^ppk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain(
      `Created write key "PMS sync" (${key.slice(0, 17)}…) for ${practice.name}.`,
    );
    const row = await database.db.apiKey.findFirstOrThrow({ where: { practiceId: practice.id } });
    expect(row).toMatchObject({
      name: "PMS sync",
      scope: "WRITE",
      prefix: key.slice(0, 17),
      createdBy: "command line",
    });
    expect(row.keyHash).not.toContain(key.slice(9));

    const listed = await apiKey("list");
    expect(listed.stdout).toContain(`${key.slice(0, 17)}…  write  active, never used  PMS sync`);

    const revoked = await apiKey("revoke", key.slice(0, 17));
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked key "PMS sync" (${key.slice(0, 17)}…).\n` });
    expect((await database.db.apiKey.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
    const again = await apiKey("revoke", `${key.slice(0, 17)}…`);
    expect(again.stdout).toMatch(/was already revoked on/);
  });

  it("says what is wrong with bad input, and exits 2 (1 for a key it does not know)", async () => {
    const noName = await apiKey("create", "--scope", "read");
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("--name: Give the key a name.");
    expect(noName.stderr).toContain("usage:");
    const badScope = await apiKey("create", "--name", "x", "--scope", "admin");
    expect(badScope).toMatchObject({ code: 2 });
    expect(badScope.stderr).toContain("--scope must be read or write.");
    // Two practices now: which one must be said.
    await makePractice(database.db);
    const which = await apiKey("create", "--name", "x", "--scope", "read");
    expect(which.code).toBe(2);
    expect(which.stderr).toContain("There are several practices: name one with --practice <clientId>");
    const unknownPractice = await apiKey("create", "--name", "x", "--scope", "read", "--practice", "NOPE");
    expect(unknownPractice.stderr).toContain('There is no practice with client ID "NOPE".');
    expect((await apiKey("revoke", "abc")).stderr).toContain('"abc" is not a key prefix');
    expect(await apiKey("revoke", "ppk_live_zzzzzzzz")).toMatchObject({ code: 1, stderr: "No such key.\n" });
    expect((await apiKey("rotate")).stderr).toContain('Unknown command "rotate".');
    expect(await database.db.apiKey.count({ where: { name: "x" } })).toBe(0);
  });
});
