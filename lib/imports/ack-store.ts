import "server-only";
import { getDb } from "@/lib/db";
import type { TSqlOps } from "@/lib/db/sql";
import { chunkedText } from "@/lib/files/chunked-text";

export type TAckWriter = {
  /** Appends text (whole lines, each ending in "\n"). */
  write: (text: string) => Promise<void>;
  /** Stores what is still buffered. */
  finish: () => Promise<void>;
};

/**
 * Writes an import's acknowledgement file as it is produced, a chunk of about 1 MB at a time
 * (`import_file_ack_chunk`): what is in memory is at most one chunk, however long the file.
 * Whatever an earlier, failed attempt at the same import stored is dropped first. Give a big
 * import's plain connection (`openBulkConnection`) as `conn`: Prisma Client keeps the
 * arguments of raw queries it has run, megabytes a chunk (seen in heap snapshots, Prisma 6.19).
 */
export const createAckWriter = async (fileId: string, conn?: TSqlOps): Promise<TAckWriter> => {
  const db = await getDb();
  await db.importFileAckChunk.deleteMany({ where: { fileId } });
  const text = chunkedText(async (seq, content) => {
    if (conn) {
      await conn.run`INSERT INTO "import_file_ack_chunk" ("fileId", seq, content) VALUES (${fileId}, ${seq}, ${content})`;
    } else {
      await db.$executeRaw`INSERT INTO "import_file_ack_chunk" ("fileId", seq, content) VALUES (${fileId}, ${seq}, ${content})`;
    }
  });
  return {
    write: text.write,
    finish: async () => {
      await text.finish();
    },
  };
};

/** An import's acknowledgement file, chunk by chunk, in order (one chunk in memory at a time). */
export async function* readAck(fileId: string): AsyncGenerator<string> {
  const db = await getDb();
  for (let seq = 0; ; seq++) {
    const chunk = await db.importFileAckChunk.findUnique({
      where: { fileId_seq: { fileId, seq } },
      select: { content: true },
    });
    if (!chunk) return;
    yield chunk.content;
  }
}

/** The whole acknowledgement as one string: for tests and small files only. */
export const readAckText = async (fileId: string) => {
  let text = "";
  for await (const chunk of readAck(fileId)) text += chunk;
  return text;
};
