import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { readSignupFile } from "@/lib/exports/signup-file";

/** A path under the outbox, a folder named at run time: the bundler must not trace it into the build. */
const at = (...parts: string[]) => path.join(/*turbopackIgnore: true*/ ...parts);

/** A process writing a file into the outbox holds it this long. */
const DELIVERY_LEASE_MS = 5 * 60_000;

/** The export outbox (EXPORT_OUTBOX_DIR), or null when none is configured. */
export const exportOutboxDir = () => process.env.EXPORT_OUTBOX_DIR || null;

/**
 * Writes a READY sign-up file into the export outbox for the PMS to collect, once: the process
 * that claims the delivery (a lease, so a crashed one's claim runs out) writes it under a hidden
 * temporary name (`.<name>.<random>.part`, flushed to disk) and renames it into place, which is
 * atomic: the PMS never sees half a file. Returns whether this call delivered it.
 */
export const deliverSignupFile = async ({
  fileId,
  dir = exportOutboxDir(),
}: {
  fileId: string;
  dir?: string | null;
}) => {
  if (!dir) return false;
  const db = await getDb();
  const now = getClock().now();
  const claimed = await db.signupFile.updateMany({
    where: {
      id: fileId,
      status: "READY",
      deliveredAt: null,
      OR: [{ deliveringUntil: null }, { deliveringUntil: { lt: now } }],
    },
    data: { deliveringUntil: new Date(now.getTime() + DELIVERY_LEASE_MS) },
  });
  if (claimed.count !== 1) return false;
  const file = await db.signupFile.findUniqueOrThrow({ where: { id: fileId }, select: { fileName: true } });
  const temporary = at(dir, `.${file.fileName}.${randomUUID().slice(0, 8)}.part`);
  try {
    await mkdir(at(dir), { recursive: true });
    await pipeline(Readable.from(readSignupFile(fileId)), createWriteStream(temporary, { flush: true }));
    await rename(temporary, at(dir, file.fileName));
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    await db.signupFile.update({ where: { id: fileId }, data: { deliveringUntil: null } });
    throw error;
  }
  await db.signupFile.update({
    where: { id: fileId },
    data: { deliveredAt: getClock().now(), deliveringUntil: null },
  });
  return true;
};
