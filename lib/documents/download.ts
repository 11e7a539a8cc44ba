import { NO_STORE } from "@/lib/text-download";

/** A generated PDF as a download, never cached; the name keeps letters, digits, dots, dashes and underscores. */
export const pdfDownloadResponse = (pdf: Buffer, fileName: string) =>
  new Response(new Uint8Array(pdf), {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "Content-Length": String(pdf.length),
    },
  });
