import { downloadingStaff } from "@/lib/auth/page-guards";
import { getClock } from "@/lib/clock";
import { getPostingFileProgressOrThrow } from "@/lib/exports/queries";
import { nullIfNotFound } from "@/lib/not-found";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";

/**
 * How far a posting file has got, as JSON, for its row's progress bar (polled every second while
 * it is written): staff with files.export, of their own practice's files; anyone else is told
 * "not found", like the file's download.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const staff = await downloadingStaff("files.export");
  if (!staff) return notFoundResponse();
  const { fileId } = await params;
  const progress = await nullIfNotFound(
    getPostingFileProgressOrThrow({ practiceId: staff.practiceId, fileId, now: getClock().now() }),
  );
  if (!progress) return notFoundResponse();
  return Response.json(progress, { headers: NO_STORE });
}
