import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { downloadingStaff } from "@/lib/auth/page-guards";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readExportFile, type TExportFileKind } from "@/lib/exports/file-store";
import { nullIfNotFound } from "@/lib/not-found";
import { getRequestContext } from "@/lib/request-context";
import { notFoundResponse, textDownloadResponse } from "@/lib/text-download";

/**
 * The answer to a staff download of an exported file (a sign-up file, a posting file), streamed
 * chunk by chunk: staff with `files.export` only; another practice's file, or one not ready, is
 * "not found" (`find` throws NOT_FOUND for both; any other error is an error, not a 404). Each download is audited: the files carry patients'
 * names and more.
 */
export const exportFileDownload = async <T extends { id: string; fileName: string; byteCount: number }>({
  kind,
  fileId,
  find,
  audit,
}: {
  kind: TExportFileKind;
  fileId: string;
  find: (scope: { practiceId: string; fileId: string }) => Promise<T>;
  audit: (file: T) => { action: string; type: string; metadata: Prisma.InputJsonObject };
}) => {
  const staff = await downloadingStaff("files.export");
  if (!staff) return notFoundResponse();
  const { actor, practiceId } = staff;
  const file = await nullIfNotFound(find({ practiceId, fileId }));
  if (!file) return notFoundResponse();
  const { action, type, metadata } = audit(file);
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action,
    target: { type, id: file.id },
    context: await getRequestContext(),
    metadata,
  });
  return textDownloadResponse({
    chunks: readExportFile(kind, file.id),
    fileName: file.fileName,
    byteCount: file.byteCount,
  });
};
