import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { exportTables, readExportFile, type TExportFileKind } from "@/lib/exports/file-store";

/** A path under the outbox, a folder named at run time: the bundler must not trace it into the build. */
const at = (...parts: string[]) => path.join(/*turbopackIgnore: true*/ ...parts);

/** A process writing a file into the outbox holds it this long. */
const DELIVERY_LEASE_MS = 5 * 60_000;

/** The export outbox (EXPORT_OUTBOX_DIR), or null when none is configured. */
export const exportOutboxDir = () => process.env.EXPORT_OUTBOX_DIR || null;

/**
 * Writes a READY exported file (a sign-up file, a posting file) into the export outbox for the
 * PMS to collect, once: the process that claims the delivery (a lease, so a crashed one's claim
 * runs out) writes it under a hidden temporary name (`.<name>.<random>.part`, flushed to disk)
 * and renames it into place, which is atomic: the PMS never sees half a file. Returns whether
 * this call delivered it.
 */
export const deliverExportFile = async ({
  kind,
  fileId,
  dir = exportOutboxDir(),
}: {
  kind: TExportFileKind;
  fileId: string;
  dir?: string | null;
}) => {
  if (!dir) return false;
  const db = await getDb();
  const { file: table } = exportTables(kind);
  const now = getClock().now();
  const [claimed] = await db.$queryRaw<{ fileName: string }[]>`
    UPDATE ${table} SET "deliveringUntil" = ${new Date(now.getTime() + DELIVERY_LEASE_MS)}::timestamptz, "updatedAt" = now()
     WHERE id = ${fileId} AND status = 'READY' AND "deliveredAt" IS NULL
       AND ("deliveringUntil" IS NULL OR "deliveringUntil" < ${now}::timestamptz)
    RETURNING "fileName"`;
  if (!claimed) return false;
  const temporary = at(dir, `.${claimed.fileName}.${randomUUID().slice(0, 8)}.part`);
  try {
    await mkdir(at(dir), { recursive: true });
    await pipeline(
      Readable.from(readExportFile(kind, fileId)),
      createWriteStream(temporary, { flush: true }),
    );
    await rename(temporary, at(dir, claimed.fileName));
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    await db.$executeRaw`UPDATE ${table} SET "deliveringUntil" = NULL WHERE id = ${fileId}`;
    throw error;
  }
  await db.$executeRaw`
    UPDATE ${table} SET "deliveredAt" = ${getClock().now()}::timestamptz, "deliveringUntil" = NULL, "updatedAt" = now()
     WHERE id = ${fileId}`;
  return true;
};

/**
 * Every READY file of a kind completed since `since` and not yet in the outbox, put there (the
 * hourly jobs' last step). Returns how many this call delivered and the errors of the others.
 */
export const deliverUndeliveredFiles = async ({ kind, since }: { kind: TExportFileKind; since: Date }) => {
  const errors: unknown[] = [];
  let delivered = 0;
  if (!exportOutboxDir()) return { delivered, errors };
  const db = await getDb();
  const { file: table } = exportTables(kind);
  const undelivered = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${table}
     WHERE status = 'READY' AND "deliveredAt" IS NULL AND "completedAt" >= ${since}::timestamptz
     ORDER BY "completedAt"`;
  for (const { id } of undelivered) {
    try {
      if (await deliverExportFile({ kind, fileId: id })) delivered += 1;
    } catch (error) {
      errors.push(error);
    }
  }
  return { delivered, errors };
};
