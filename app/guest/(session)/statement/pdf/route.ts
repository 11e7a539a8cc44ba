import { cookies } from "next/headers";
import { pdfDownloadResponse } from "@/lib/documents/download";
import { renderItemizedStatementPdf } from "@/lib/documents/itemized-statement-pdf";
import { documentLocale } from "@/lib/documents/locale";
import { requestLocale } from "@/lib/auth/request-locale";
import { getItemizedStatementOrThrow } from "@/lib/documents/queries";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { nullIfNotFound } from "@/lib/not-found";
import { notFoundResponse } from "@/lib/text-download";

/** The itemized PDF of the guest session's one statement; without a live guest session, 404. */
export async function GET() {
  const session = await verifyGuestSession((await cookies()).get(GUEST_COOKIE)?.value);
  if (!session) return notFoundResponse();
  const { statementId } = session;
  const statement = await nullIfNotFound(
    getItemizedStatementOrThrow({ viewer: { kind: "guest", statementId }, statementId }),
  );
  if (!statement) return notFoundResponse();
  const pdf = await renderItemizedStatementPdf(statement, { locale: documentLocale(await requestLocale()) });
  return pdfDownloadResponse(pdf, `itemized-statement-${statement.statementNumber}.pdf`);
}
