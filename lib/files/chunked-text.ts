import { createHash } from "node:crypto";

/**
 * A stored file's text as it is written (an acknowledgement, a sign-up or posting file): handed
 * on in chunks of about 1 MB, so what is in memory is at most one chunk, however long the file.
 * The caller stores each chunk (its table, its connection); this module does no I/O itself.
 */

/** About this much text goes into one stored chunk. */
export const CHUNK_CHARS = 1024 * 1024;

/**
 * Collects a file's text as it is written and hands it to `store` a chunk at a time (seq 0, 1,
 * …), with the file's SHA-256 and its size in bytes at the end. Holds at most one chunk.
 */
export const chunkedText = (store: (seq: number, content: string) => Promise<void>) => {
  const hash = createHash("sha256");
  let byteCount = 0;
  let seq = 0;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const content = parts.join("");
    parts = [];
    size = 0;
    await store(seq, content);
    seq += 1;
  };
  return {
    write: async (text: string) => {
      if (text.length === 0) return;
      hash.update(text);
      byteCount += Buffer.byteLength(text);
      parts.push(text);
      size += text.length;
      if (size >= CHUNK_CHARS) await flush();
    },
    finish: async () => {
      await flush();
      return { byteCount, sha256: hash.digest("hex") };
    },
  };
};
