import { exportFileDownload } from "@/lib/exports/download";
import { getReadySignupFileOrThrow } from "@/lib/exports/signup-file";

/**
 * A sign-up file as the PMS takes it (IMPSPO lines), streamed chunk by chunk: a big practice's
 * file is tens of megabytes. `files.export` only; another practice's file is "not found". Each
 * download is audited: the file carries patients' names, dates of birth and emails.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  return exportFileDownload({
    kind: "signup",
    fileId: (await params).fileId,
    find: getReadySignupFileOrThrow,
    audit: (file) => ({
      action: "exports.signup_file_downloaded",
      type: "SignupFile",
      metadata: { fileName: file.fileName, rowCount: file.rowCount },
    }),
  });
}
