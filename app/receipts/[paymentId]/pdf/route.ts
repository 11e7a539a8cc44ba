import { renderReceiptPdf } from "@/lib/receipts/receipt-pdf";
import { getReceiptForRequest } from "@/lib/receipts/viewer";

const NO_STORE = { "Cache-Control": "private, no-store" };

/** The receipt as a PDF download; the same check as the page, and the same 404 for everyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const found = await getReceiptForRequest(paymentId);
  if (!found) {
    return new Response("Not found", {
      status: 404,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const pdf = await renderReceiptPdf(found.receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="receipt-${found.receipt.receiptNumber.replace(/[^\w-]/g, "")}.pdf"`,
      "Content-Length": String(pdf.length),
    },
  });
}
