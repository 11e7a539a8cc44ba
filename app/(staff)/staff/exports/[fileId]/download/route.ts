import { recordAudit } from "@/lib/audit/record";
import { downloadingStaff } from "@/lib/auth/page-guards";
import { getReadySignupFileOrThrow, readSignupFile } from "@/lib/exports/signup-file";
import { nullIfNotFound } from "@/lib/not-found";
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
  const file = await nullIfNotFound(getReadySignupFileOrThrow({ practiceId, fileId }));
  if (!file) return notFoundResponse();
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "exports.signup_file_downloaded",
    target: { type: "SignupFile", id: file.id },
    context: await getRequestContext(),
    metadata: { fileName: file.fileName, rowCount: file.rowCount },
  });
  return textDownloadResponse({
    chunks: readSignupFile(file.id),
    fileName: file.fileName,
    byteCount: file.byteCount,
  });
}
