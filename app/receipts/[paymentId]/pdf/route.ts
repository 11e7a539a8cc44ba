import { requestLocale } from "@/lib/auth/request-locale";
import { renderReceiptPdf } from "@/lib/receipts/receipt-pdf";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";
import { getReceiptForRequest } from "@/lib/receipts/viewer";

/**
 * The receipt as a PDF download, in the reader's language (lib/auth/request-locale.ts); the same
 * check as the page, and the same 404 for everyone else.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const found = await getReceiptForRequest(paymentId);
  if (!found) return notFoundResponse();
  const pdf = await renderReceiptPdf(found.receipt, { locale: await requestLocale() });
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="receipt-${found.receipt.receiptNumber.replace(/[^\w-]/g, "")}.pdf"`,
      "Content-Length": String(pdf.length),
    },
  });
}
