/** Downloads and answers that carry patients' details (staff files, receipts): never cached. */
export const NO_STORE = { "Cache-Control": "private, no-store" } as const;

/** "Not found", uncached: for a file that is not there, not ready, or not the asker's to see. */
export const notFoundResponse = () => new Response("Not found", { status: 404, headers: NO_STORE });

/**
 * A stored text file as a download, streamed chunk by chunk as it is read from the database
 * (a million-row file is tens of megabytes; it is never held whole). The name is reduced to
 * letters, digits, dots, dashes and underscores.
 */
export const textDownloadResponse = ({
  chunks,
  fileName,
  byteCount,
  contentType = "text/plain; charset=utf-8",
}: {
  chunks: AsyncGenerator<string>;
  fileName: string;
  /** The size in bytes (UTF-8), when known. */
  byteCount?: number;
  contentType?: string;
}) => {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": contentType,
      ...(byteCount === undefined ? {} : { "Content-Length": String(byteCount) }),
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
    },
  });
};
