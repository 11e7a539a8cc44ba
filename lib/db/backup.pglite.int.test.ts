import { execFile, fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupPglite, claimPgliteOwnership, liveOwner, restorePglite } from "@/lib/db/backup";

/**
 * `npm run backup` of the embedded database while a process owns it and writes to it, and
 * `npm run restore`: the backup is a consistent database (every transaction whole), made by the
 * owner itself; nobody else may open the directory meanwhile.
 */
const run = promisify(execFile);

describe("backing up the embedded database while it runs", () => {
  let dir: string;
  let dataDir: string;
  let child: ChildProcess;
  let batches = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "portal-backup-"));
    dataDir = path.join(dir, "pglite");
    child = fork(path.join(process.cwd(), "lib/test/pglite-owner-child.ts"), [dataDir], {
      execArgv: ["--import", "./scripts/server-only.mjs", "--import", "tsx"],
      stdio: "inherit",
    });
    await new Promise<void>((resolve, reject) => {
      child.on("message", (m: { ready?: boolean; batch?: number }) => {
        if (m.batch) batches = m.batch;
        if (m.ready) resolve();
      });
      child.on("exit", (code) => reject(new Error(`the owner exited (${code})`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  it("asks the owner for the backup while it writes; the restored copy holds only whole transactions", async () => {
    await expect.poll(() => batches, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    expect(liveOwner(dataDir)?.pid).toBe(child.pid);

    const file = path.join(dir, "live.tar.gz");
    const { stdout } = await run(
      process.execPath,
      ["--import", "./scripts/server-only.mjs", "--import", "tsx", "scripts/backup.ts", "--out", file],
      { env: { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" } },
    );
    expect(stdout).toContain(`by process ${child.pid}`);
    const before = batches;
    // The owner went on writing after the backup.
    await expect.poll(() => batches, { timeout: 20_000 }).toBeGreaterThan(before + 2);

    const restored = path.join(dir, "restored");
    await restorePglite(file, restored);
    const copy = await PGlite.create(restored);
    try {
      const { rows } = await copy.query<{ batch: number; rows: number }>(
        `SELECT batch, count(*)::int AS rows FROM written GROUP BY batch ORDER BY batch`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.every((r) => r.rows === 10)).toBe(true);
      expect(rows.map((r) => r.batch)).toEqual(rows.map((_, i) => i + 1));
    } finally {
      await copy.close();
    }
  }, 120_000);

  it("refuses a second owner while the first runs, naming it", async () => {
    const intruder = { query: async () => undefined } as unknown as PGlite;
    await expect(claimPgliteOwnership(dataDir, intruder, { role: "second server" })).rejects.toThrow(
      `in use by process ${child.pid} (test writer`,
    );
  });

  it("backs up a directory nobody owns by opening it, and a restore keeps the directory it replaces", async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(liveOwner(dataDir)).toBeNull();

    const file = path.join(dir, "idle.tar.gz");
    await expect(backupPglite(dataDir, file)).resolves.toMatchObject({ by: "this process" });
    expect(existsSync(`${dataDir}.owner`)).toBe(false);

    const { keptAs } = await restorePglite(file, dataDir);
    expect(keptAs).toMatch(/pglite\.before-restore-/);
    expect((await readdir(dir)).filter((f) => f.startsWith("pglite.before-restore-"))).toHaveLength(1);
    const copy = await PGlite.create(dataDir);
    try {
      const { rows } = await copy.query<{ n: number }>(`SELECT count(*)::int AS n FROM written`);
      expect(rows[0]!.n % 10).toBe(0);
      expect(rows[0]!.n).toBe(batches * 10);
    } finally {
      await copy.close();
    }
  }, 60_000);
});
