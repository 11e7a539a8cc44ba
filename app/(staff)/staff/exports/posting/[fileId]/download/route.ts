import { recordAudit } from "@/lib/audit/record";
import { downloadingStaff } from "@/lib/auth/page-guards";
import { readExportFile } from "@/lib/exports/file-store";
import { getReadyPostingFileOrThrow } from "@/lib/exports/posting-file";
import { getRequestContext } from "@/lib/request-context";
import { notFoundResponse, textDownloadResponse } from "@/lib/text-download";

/**
 * An end-of-day posting file as the PMS takes it, streamed chunk by chunk. `files.export` only;
 * another practice's file, or one not ready, is "not found". Each download is audited: the file
 * carries patients' names, addresses and payments.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const staff = await downloadingStaff("files.export");
  if (!staff) return notFoundResponse();
  const { actor, practiceId } = staff;
  const { fileId } = await params;
  const file = await getReadyPostingFileOrThrow({ practiceId, fileId }).catch(() => null);
  if (!file) return notFoundResponse();
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "exports.posting_file_downloaded",
    target: { type: "PostingFile", id: file.id },
    context: await getRequestContext(),
    metadata: { fileName: file.fileName, format: file.formatName, rowCount: file.rowCount },
  });
  return textDownloadResponse({
    chunks: readExportFile("posting", file.id),
    fileName: file.fileName,
    byteCount: file.byteCount,
  });
}
