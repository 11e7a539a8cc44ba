import { getActor } from "@/lib/auth/session";
import { hasPermission, isStaffRole } from "@/lib/auth/permissions";
import { getImportFileOrThrow, staffPracticeId } from "@/lib/imports/queries";

const NO_STORE = { "Cache-Control": "private, no-store" };

/** The acknowledgement file of an import, as the PMS expects it (IMIFACK lines). */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const actor = await getActor();
  if (!actor || !isStaffRole(actor.role) || !hasPermission(actor.role, "files.import")) {
    return new Response("Not found", { status: 404, headers: NO_STORE });
  }
  const { importId } = await params;
  const file = await getImportFileOrThrow({
    practiceId: await staffPracticeId(actor.userId),
    importId,
  }).catch(() => null);
  if (!file?.ackContent || !file.ackFileName)
    return new Response("Not found", { status: 404, headers: NO_STORE });
  return new Response(file.ackContent, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.ackFileName.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}
