import { downloadingStaff } from "@/lib/auth/page-guards";
import { transactionsExportDownloadResponse } from "@/lib/reports/export-csv";
import { notFoundResponse } from "@/lib/text-download";

/**
 * A prepared transactions CSV, streamed chunk by chunk. `reports.view` of the export's practice
 * only; anyone else is told "not found", as for every staff download.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const staff = await downloadingStaff("reports.view");
  if (!staff) return notFoundResponse();
  return transactionsExportDownloadResponse({ actor: staff.actor, exportId: (await params).exportId });
}
