import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { getDb } from "@/lib/db";
import { parsePmsFileName, pmsFileKindOf } from "@/lib/files/file-names";
import { readAck } from "@/lib/imports/ack-store";
import { importFile } from "@/lib/imports/importers";

/** A path under the inbox, a folder named at run time: the bundler must not trace it into the build. */
const at = (...parts: string[]) => path.join(/*turbopackIgnore: true*/ ...parts);

/**
 * The import inbox (IMPORT_INBOX_DIR): the PMS drops its files there (by SFTP, a shared
 * folder…), named `<prefix>_<ClientID>_<YYYYMMDD>_<UniqueID>.txt`, the prefix saying the kind:
 * `PS` balance file, `APC` autopay enrolment, `APCTERM` autopay unenrolment, `PT` payment
 * transactions (lib/files/file-names.ts).
 * Each run imports every such file for the practice its name names, writes the
 * acknowledgement (if the kind has one) into `ack/`, and moves the file into `processed/` (or
 * `rejected/` when its name or client is not ours, with a `.reason.txt` beside it). Other files
 * are left alone. Safe to run in several processes: a file is claimed by moving it into
 * `processing/` first (a rename is atomic), and the import itself is idempotent by content.
 */
export const processImportInbox = async ({ dir = process.env.IMPORT_INBOX_DIR } = {}) => {
  if (!dir) return { imported: 0, rejected: 0 };
  const folders = Object.fromEntries(
    ["processing", "processed", "rejected", "ack"].map((name) => [name, at(dir, name)]),
  ) as Record<"processing" | "processed" | "rejected" | "ack", string>;
  await Promise.all(Object.values(folders).map((f) => mkdir(f, { recursive: true })));
  const db = await getDb();
  let imported = 0;
  let rejected = 0;
  for (const entry of await readdir(at(dir), { withFileTypes: true })) {
    const kind = entry.isFile() ? pmsFileKindOf(entry.name) : null;
    if (!kind) continue;
    const claimed = at(folders.processing, entry.name);
    try {
      await rename(at(dir, entry.name), claimed);
    } catch {
      continue; // another process took it
    }
    const reject = async (reason: string) => {
      await rename(claimed, at(folders.rejected, entry.name));
      await writeFile(at(folders.rejected, `${entry.name}.reason.txt`), `${reason}\n`);
      rejected++;
    };
    const name = parsePmsFileName(entry.name, kind);
    if (!name.ok) {
      await reject(name.reason);
      continue;
    }
    const practice = await db.practice.findUnique({
      where: { clientId: name.clientId },
      select: { id: true },
    });
    if (!practice) {
      await reject(`No practice has the client ID ${name.clientId}.`);
      continue;
    }
    let result;
    try {
      result = await importFile({
        kind,
        practiceId: practice.id,
        fileName: entry.name,
        read: () => createReadStream(claimed),
        actor: { kind: "system" },
        // When the PMS finished writing it (a rename keeps the modification time).
        writtenAt: (await stat(claimed)).mtime,
      });
    } catch (error) {
      // Back into the inbox for the next run (the job is retried; the import is idempotent).
      await rename(claimed, at(dir, entry.name)).catch(() => undefined);
      throw error;
    }
    const file = await db.importFile.findUniqueOrThrow({
      where: { id: result.importFileId },
      select: { ackFileName: true },
    });
    if (file.ackFileName) {
      await pipeline(readAck(result.importFileId), createWriteStream(at(folders.ack, file.ackFileName)));
    }
    await rename(claimed, at(folders.processed, entry.name));
    imported++;
  }
  return { imported, rejected };
};
