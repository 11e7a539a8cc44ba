import { getActor } from "@/lib/auth/session";
import { pdfDownloadResponse } from "@/lib/documents/download";
import { documentLocale } from "@/lib/documents/locale";
import { requestLocale } from "@/lib/auth/request-locale";
import { getYearlySummaryOrThrow } from "@/lib/documents/queries";
import { parseSummaryYear } from "@/lib/documents/yearly-summary";
import { renderYearlySummaryPdf } from "@/lib/documents/yearly-summary-pdf";
import { nullIfNotFound } from "@/lib/not-found";
import { notFoundResponse } from "@/lib/text-download";

/**
 * An account's payment summary of one calendar year, for the signed-in patient whose login the
 * account is linked to. Anyone else, another account, a year that is not one: 404.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ accountId: string; year: string }> },
) {
  const [actor, { accountId, year: yearParam }] = await Promise.all([getActor(), params]);
  const year = parseSummaryYear(yearParam);
  if (!actor || actor.role !== "PATIENT" || year === null) return notFoundResponse();
  const summary = await nullIfNotFound(getYearlySummaryOrThrow({ userId: actor.userId, accountId, year }));
  if (!summary) return notFoundResponse();
  const pdf = await renderYearlySummaryPdf(summary, { locale: documentLocale(await requestLocale()) });
  return pdfDownloadResponse(pdf, `payment-summary-${year}-${summary.account.accountNumber}.pdf`);
}
