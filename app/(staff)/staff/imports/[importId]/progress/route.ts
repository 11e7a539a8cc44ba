import { downloadingStaff } from "@/lib/auth/page-guards";
import { getClock } from "@/lib/clock";
import { getImportProgressOrThrow } from "@/lib/imports/queries";
import { nullIfNotFound } from "@/lib/not-found";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";

/**
 * How far an import has got, as JSON, for its page's progress bar (polled every second while it
 * runs): staff with files.import, of their own practice's imports; anyone else is told "not
 * found", like the acknowledgement's download.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const staff = await downloadingStaff("files.import");
  if (!staff) return notFoundResponse();
  const { importId } = await params;
  const progress = await nullIfNotFound(
    getImportProgressOrThrow({ practiceId: staff.practiceId, importId, now: getClock().now() }),
  );
  if (!progress) return notFoundResponse();
  return Response.json(progress, { headers: NO_STORE });
}
