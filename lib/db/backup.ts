import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Backups of the embedded database (PGlite) while it runs, and restores.
 *
 * A PGlite data directory has one owner: the server process that opened it. Nothing else may
 * open it meanwhile (two owners corrupt it), and a copy of its files made from outside while it
 * writes is no backup. So the owner makes the backup itself: `npm run backup` writes a request
 * beside the data directory and sends the owner SIGUSR2; the owner answers between two queries
 * (PGlite's dumpDataDir runs alone on its one session) with a gzipped tar of the directory after
 * a CHECKPOINT. Such a snapshot is what a power cut would leave: committed transactions are in,
 * an open one is not, and PostgreSQL recovers it on start. With no owner running, the script
 * opens the directory itself (and is its owner meanwhile).
 *
 * Files beside the data directory `<dir>`: `<dir>.owner` (the owner's pid), `<dir>.backup-request`
 * and `<dir>.backup-done` (the exchange).
 */

export type TOwner = { pid: number; startedAt: string; role: string };
export type TBackupDone = { id: string; file: string; bytes: number } | { id: string; error: string };

const ownerFile = (dataDir: string) => `${dataDir}.owner`;
const requestFile = (dataDir: string) => `${dataDir}.backup-request`;
const doneFile = (dataDir: string) => `${dataDir}.backup-done`;

/**
 * Whether `pid` is a live Node process (signal 0 checks without sending anything). A crash leaves
 * the owner file behind and the pid may be reused: where /proc tells, it must still be Node.
 */
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync("/proc/self") || (existsSync(cmdline) && /node/.test(readFileSync(cmdline, "utf8")));
};

/** The live process that owns the data directory, if any (a stale owner file is ignored). */
export const liveOwner = (dataDir: string): TOwner | null => {
  if (!existsSync(ownerFile(dataDir))) return null;
  try {
    const owner = JSON.parse(readFileSync(ownerFile(dataDir), "utf8")) as TOwner;
    return Number.isInteger(owner.pid) && owner.pid !== process.pid && isAlive(owner.pid) ? owner : null;
  } catch {
    return null;
  }
};

/** Writes the whole directory as a gzipped tar to `file` (through a temporary name: no half file). */
export const writePgliteBackup = async (pglite: PGlite, file: string) => {
  await pglite.query("CHECKPOINT");
  const dump = await pglite.dumpDataDir("gzip");
  const bytes = Buffer.from(await dump.arrayBuffer());
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, bytes, { mode: 0o600 });
  await rename(partial, file);
  return { file, bytes: bytes.length };
};

/**
 * Makes this process the owner of `dataDir` (the server, once it opened it): refuses when another
 * live process owns it, then answers backup requests (SIGUSR2) until `release()`.
 */
export const claimPgliteOwnership = async (dataDir: string, pglite: PGlite, { role }: { role: string }) => {
  const other = liveOwner(dataDir);
  if (other) {
    throw new Error(
      `The embedded database ${dataDir} is in use by process ${other.pid} (${other.role}, since ${other.startedAt}); ` +
        "two processes on one PGlite directory would corrupt it. Stop that process first.",
    );
  }
  const owner: TOwner = { pid: process.pid, startedAt: new Date().toISOString(), role };
  await writeFile(ownerFile(dataDir), JSON.stringify(owner), { mode: 0o600 });
  let running: Promise<void> = Promise.resolve();
  const answer = async () => {
    let id = "unknown";
    try {
      const request = JSON.parse(await readFile(requestFile(dataDir), "utf8")) as {
        id: string;
        file: string;
      };
      id = request.id;
      const done = await writePgliteBackup(pglite, request.file);
      await writeFile(doneFile(dataDir), JSON.stringify({ id, ...done } satisfies TBackupDone));
    } catch (error) {
      await writeFile(
        doneFile(dataDir),
        JSON.stringify({ id, error: (error as Error).message } satisfies TBackupDone),
      ).catch(() => undefined);
    }
  };
  const onSignal = () => {
    running = running.then(answer);
  };
  const forget = () => {
    try {
      const current = JSON.parse(readFileSync(ownerFile(dataDir), "utf8")) as TOwner;
      if (current.pid === process.pid) rmSync(ownerFile(dataDir), { force: true });
    } catch {
      // no owner file, or not ours
    }
  };
  process.on("SIGUSR2", onSignal);
  process.once("exit", forget);
  return {
    release: async () => {
      process.off("SIGUSR2", onSignal);
      process.off("exit", forget);
      await running;
      forget();
    },
  };
};

/** Asks the live owner for a backup into `file` and waits for it (at most `timeoutMs`). */
export const requestOwnerBackup = async (
  dataDir: string,
  owner: TOwner,
  file: string,
  { timeoutMs = 10 * 60_000 }: { timeoutMs?: number } = {},
) => {
  const id = `${process.pid}-${Date.now()}`;
  await rm(doneFile(dataDir), { force: true });
  await writeFile(requestFile(dataDir), JSON.stringify({ id, file: path.resolve(file) }), { mode: 0o600 });
  process.kill(owner.pid, "SIGUSR2");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(doneFile(dataDir))) {
      const done = JSON.parse(await readFile(doneFile(dataDir), "utf8")) as TBackupDone;
      if (done.id === id) {
        await rm(requestFile(dataDir), { force: true });
        await rm(doneFile(dataDir), { force: true });
        if ("error" in done) throw new Error(`the server could not write the backup: ${done.error}`);
        return done;
      }
    }
    if (!isAlive(owner.pid)) throw new Error(`the server (process ${owner.pid}) stopped before answering`);
    await sleep(100);
  }
  throw new Error(`no answer from the server (process ${owner.pid}) within ${timeoutMs / 1000} s`);
};

/** A backup of the embedded database, by its owner if one runs, else opened here. */
export const backupPglite = async (dataDir: string, file: string) => {
  const owner = liveOwner(dataDir);
  if (owner) return { ...(await requestOwnerBackup(dataDir, owner, file)), by: `process ${owner.pid}` };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new Error(`${dataDir} holds no database (no PG_VERSION): nothing to back up`);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(dataDir);
  const ownership = await claimPgliteOwnership(dataDir, pglite, { role: "npm run backup" });
  try {
    return { ...(await writePgliteBackup(pglite, file)), by: "this process" };
  } finally {
    await ownership.release();
    await pglite.close();
  }
};

/**
 * Restores a backup into `dataDir`, which no process may be using. The directory there now is
 * kept beside it (`<dir>.before-restore-<time>`), never deleted. Checks that the restored
 * database opens and answers before it is put in place.
 */
export const restorePglite = async (file: string, dataDir: string) => {
  const owner = liveOwner(dataDir);
  if (owner) {
    throw new Error(`the embedded database is in use by process ${owner.pid} (${owner.role}): stop it first`);
  }
  const bytes = await readFile(file);
  const { PGlite } = await import("@electric-sql/pglite");
  const staging = `${dataDir}.restoring`;
  await rm(staging, { recursive: true, force: true });
  const pglite = await PGlite.create(staging, { loadDataDir: new Blob([bytes]) });
  try {
    await pglite.query("SELECT 1");
  } finally {
    await pglite.close();
  }
  let keptAs: string | null = null;
  if (existsSync(dataDir)) {
    keptAs = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(dataDir, keptAs);
  }
  await rename(staging, dataDir);
  return { keptAs, bytes: (await stat(file)).size };
};

/** PostgreSQL: pg_dump's custom format (pg_restore reads it), written through a temporary name. */
export const backupPostgres = async (url: string, file: string) => {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  await run("pg_dump", ["--format=custom", "--no-owner", `--file=${partial}`], url);
  await rename(partial, file);
  return { file, bytes: (await stat(file)).size, by: "pg_dump" };
};

/** PostgreSQL: pg_restore into the configured database, replacing the objects the dump holds. */
export const restorePostgres = async (file: string, url: string) => {
  // pg_restore wants a database name; the rest of the connection (and the password) is in its environment.
  const { PGDATABASE } = libpqEnv(url);
  await run(
    "pg_restore",
    ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${PGDATABASE}`, file],
    url,
  );
  return { keptAs: null, bytes: (await stat(file)).size };
};

/**
 * libpq's environment for a connection URL: the password never appears in the process list, as
 * it would in a --dbname argument.
 */
export const libpqEnv = (url: string): Record<string, string> => {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname) || "localhost",
    PGPORT: u.port || "5432",
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, "")),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
};

const run = (command: string, args: string[], url: string) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, ...libpqEnv(url) },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new Error(
              `${command} was not found: install PostgreSQL's client programs (Debian: postgresql-client)`,
            )
          : error,
      ),
    );
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`)),
    );
  });
