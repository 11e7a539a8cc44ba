import { downloadingStaff } from "@/lib/auth/page-guards";
import { transactionsCsvResponse } from "@/lib/reports/export-csv";
import { notFoundResponse } from "@/lib/text-download";

/**
 * The transactions list, filtered as its address says, as CSV (streamed). `reports.view` only;
 * anyone else is told "not found", as for every staff download.
 */
export async function GET(request: Request) {
  const staff = await downloadingStaff("reports.view");
  if (!staff) return notFoundResponse();
  return transactionsCsvResponse({ actor: staff.actor, searchParams: new URL(request.url).searchParams });
}
