import { getActor } from "@/lib/auth/session";
import { hasPermission, isStaffRole } from "@/lib/auth/permissions";
import { readAck } from "@/lib/imports/ack-store";
import { getImportFileOrThrow } from "@/lib/imports/queries";
import { staffPracticeId } from "@/lib/practice";
import { notFoundResponse, textDownloadResponse } from "@/lib/text-download";

/** The acknowledgement file of an import, as the PMS expects it (IMIFACK or APCACK lines). */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const actor = await getActor();
  if (!actor || !isStaffRole(actor.role) || !hasPermission(actor.role, "files.import")) {
    return notFoundResponse();
  }
  const { importId } = await params;
  const file = await getImportFileOrThrow({
    practiceId: await staffPracticeId(actor.userId),
    importId,
  }).catch(() => null);
  if (!file?.ackFileName) return notFoundResponse();
  return textDownloadResponse({ chunks: readAck(file.id), fileName: file.ackFileName });
}
