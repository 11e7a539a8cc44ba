import { downloadingStaff } from "@/lib/auth/page-guards";
import { getClock } from "@/lib/clock";
import { nullIfNotFound } from "@/lib/not-found";
import { getTransactionsExportOrThrow } from "@/lib/reports/transactions-export";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";

/**
 * How far a prepared transactions CSV has got, as JSON, for its page's progress bar (polled every
 * second while it is written): staff with reports.view, of their own practice's exports; anyone
 * else is told "not found", like the CSV's download.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const staff = await downloadingStaff("reports.view");
  if (!staff) return notFoundResponse();
  const { exportId } = await params;
  const file = await nullIfNotFound(
    getTransactionsExportOrThrow({ practiceId: staff.practiceId, exportId, now: getClock().now() }),
  );
  if (!file) return notFoundResponse();
  return Response.json(file.progress, { headers: NO_STORE });
}
