import { recordAudit } from "@/lib/audit/record";
import { downloadingStaff } from "@/lib/auth/page-guards";
import { readExportFile } from "@/lib/exports/file-store";
import { getReadySignupFileOrThrow } from "@/lib/exports/signup-file";
import { getRequestContext } from "@/lib/request-context";
import { notFoundResponse, textDownloadResponse } from "@/lib/text-download";

/**
 * A sign-up file as the PMS takes it (IMPSPO lines), streamed chunk by chunk: a big practice's
 * file is tens of megabytes. `files.export` only; another practice's file is "not found". Each
 * download is audited: the file carries patients' names, dates of birth and emails.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const staff = await downloadingStaff("files.export");
  if (!staff) return notFoundResponse();
  const { actor, practiceId } = staff;
  const { fileId } = await params;
  const file = await getReadySignupFileOrThrow({ practiceId, fileId }).catch(() => null);
  if (!file) return notFoundResponse();
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "exports.signup_file_downloaded",
    target: { type: "SignupFile", id: file.id },
    context: await getRequestContext(),
    metadata: { fileName: file.fileName, rowCount: file.rowCount },
  });
  return textDownloadResponse({
    chunks: readExportFile("signup", file.id),
    fileName: file.fileName,
    byteCount: file.byteCount,
  });
}
