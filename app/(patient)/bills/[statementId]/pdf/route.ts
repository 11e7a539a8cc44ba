import { getActor } from "@/lib/auth/session";
import { pdfDownloadResponse } from "@/lib/documents/download";
import { renderItemizedStatementPdf } from "@/lib/documents/itemized-statement-pdf";
import { documentLocale } from "@/lib/documents/locale";
import { requestLocale } from "@/lib/auth/request-locale";
import { getItemizedStatementOrThrow } from "@/lib/documents/queries";
import { nullIfNotFound } from "@/lib/not-found";
import { notFoundResponse } from "@/lib/text-download";

/**
 * The statement's itemized PDF, for the signed-in patient whose linked account it is on (the
 * statement page's rule). Anyone else, a statement of someone else's and a missing one: 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }] = await Promise.all([getActor(), params]);
  if (!actor || actor.role !== "PATIENT") return notFoundResponse();
  const statement = await nullIfNotFound(
    getItemizedStatementOrThrow({ viewer: { kind: "patient", userId: actor.userId }, statementId }),
  );
  if (!statement) return notFoundResponse();
  const pdf = await renderItemizedStatementPdf(statement, { locale: documentLocale(await requestLocale()) });
  return pdfDownloadResponse(pdf, `itemized-statement-${statement.statementNumber}.pdf`);
}
