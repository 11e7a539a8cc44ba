import { exportFileDownload } from "@/lib/exports/download";
import { getReadyPostingFileOrThrow } from "@/lib/exports/posting-file";

/**
 * An end-of-day posting file as the PMS takes it, streamed chunk by chunk. `files.export` only;
 * another practice's file, or one not ready, is "not found". Each download is audited: the file
 * carries patients' names, addresses and payments.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  return exportFileDownload({
    kind: "posting",
    fileId: (await params).fileId,
    find: getReadyPostingFileOrThrow,
    audit: (file) => ({
      action: "exports.posting_file_downloaded",
      type: "PostingFile",
      metadata: { fileName: file.fileName, format: file.formatName, rowCount: file.rowCount },
    }),
  });
}
