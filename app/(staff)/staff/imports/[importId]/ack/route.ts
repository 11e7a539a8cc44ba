import { downloadingStaff } from "@/lib/auth/page-guards";
import { readAck } from "@/lib/imports/ack-store";
import { getImportFileOrThrow } from "@/lib/imports/queries";
import { nullIfNotFound } from "@/lib/not-found";
import { notFoundResponse, textDownloadResponse } from "@/lib/text-download";

/** The acknowledgement file of an import, as the PMS expects it (IMIFACK or APCACK lines). */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const staff = await downloadingStaff("files.import");
  if (!staff) return notFoundResponse();
  const { importId } = await params;
  const file = await nullIfNotFound(getImportFileOrThrow({ practiceId: staff.practiceId, importId }));
  if (!file?.ackFileName) return notFoundResponse();
  return textDownloadResponse({ chunks: readAck(file.id), fileName: file.ackFileName });
}
