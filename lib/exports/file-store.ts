import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * What the exported files share (docs/files.md, "Producing the sign-up file" and "Producing the
 * posting files"): their text is stored as it grows, in chunks of about 1 MB beside the file's
 * record, and read back chunk by chunk for a download or the outbox, so no file is held whole.
 */

export type TExportFileKind = "signup" | "posting";

/** Who asked for a file: a daily job, a staff member from the console, or someone at the command line. */
export type TExportProducer =
  { kind: "job" } | { kind: "staff"; userId: string; email: string } | { kind: "cli"; label: string };

/** A file record's producedByUserId and producedBy: the staff member and their email, else the job's or the command's name. */
export const producedByOf = (producer: TExportProducer, jobName: string) => ({
  producedByUserId: producer.kind === "staff" ? producer.userId : null,
  producedBy: producer.kind === "staff" ? producer.email : producer.kind === "cli" ? producer.label : jobName,
});

/** Each kind's tables: the file's record, and its chunks (fileId, seq, content). */
const TABLES: Record<TExportFileKind, { file: Prisma.Sql; chunk: Prisma.Sql }> = {
  signup: { file: Prisma.raw(`"signup_file"`), chunk: Prisma.raw(`"signup_file_chunk"`) },
  posting: { file: Prisma.raw(`"posting_file"`), chunk: Prisma.raw(`"posting_file_chunk"`) },
};
export const exportTables = (kind: TExportFileKind) => TABLES[kind];

/** A READY file's text, chunk by chunk, in order (one chunk in memory at a time). */
export async function* readExportFile(kind: TExportFileKind, fileId: string): AsyncGenerator<string> {
  const db = await getDb();
  const { chunk } = TABLES[kind];
  for (let seq = 0; ; seq++) {
    const [row] = await db.$queryRaw<{ content: string }[]>`
      SELECT content FROM ${chunk} WHERE "fileId" = ${fileId} AND seq = ${seq}`;
    if (!row) return;
    yield row.content;
  }
}

/** The whole file as one string: for tests and small files only. */
export const readExportFileText = async (kind: TExportFileKind, fileId: string) => {
  let text = "";
  for await (const chunk of readExportFile(kind, fileId)) text += chunk;
  return text;
};

/**
 * After a failed write: the file is marked FAILED and its claim let go, so the next attempt (a
 * retry of the job, staff asking again) takes it over at once. Only while `token` still holds it.
 */
export const releaseFailedFile = async (kind: TExportFileKind, fileId: string, token: string) => {
  const db = await getDb();
  await db.$executeRaw`UPDATE ${TABLES[kind].file} SET status = 'FAILED', "claimToken" = NULL, "claimedUntil" = NULL, "updatedAt" = now()
      WHERE id = ${fileId} AND "claimToken" = ${token}`.catch(() => undefined);
};
