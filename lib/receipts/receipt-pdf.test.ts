import { describe, expect, it } from "vitest";
import { receiptFixture } from "@/lib/receipts/fixtures";
import { renderReceiptPdf } from "@/lib/receipts/receipt-pdf";

/**
 * The text drawn by an uncompressed pdfkit PDF: its standard fonts write each line as hex
 * strings inside `[...] TJ` (split where kerning applies), in WinAnsi, which is Latin-1 for
 * what we print.
 */
const drawnText = (pdf: Buffer) =>
  [...pdf.toString("latin1").matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map(([, parts]) =>
      [...parts!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1"))
        .join(""),
    )
    .join("\n");

describe("renderReceiptPdf", () => {
  it("makes a PDF with the receipt's facts", async () => {
    const pdf = await renderReceiptPdf(
      receiptFixture({
        status: "PARTIALLY_REFUNDED",
        refundedCents: 500, // $5.00
        refunds: [
          {
            id: "rf_1",
            kind: "REFUND",
            status: "SUCCEEDED",
            amountCents: 500, // $5.00
            currency: "USD",
            reason: "Duplicate charge",
            createdAt: new Date("2026-11-25T15:00:00Z"),
          },
        ],
      }),
      { compress: false },
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = drawnText(pdf);
    for (const expected of [
      "Riverside Family Medicine",
      "Payment receipt",
      "R-20261124-7K3QX9",
      "Nov 24, 2026, 3:45 PM EST",
      "Status: Partially refunded",
      "Refunded $5.00 of $225.40.",
    ]) {
      expect(text).toContain(expected);
    }
    // The bullets of "Visa ••4242" are WinAnsi 0x95.
    expect(text).toContain("Visa \x95\x954242");
    expect(text).toContain("A1B2C3");
    expect(text).toContain("ST-1001");
    expect(text).toContain("$125.40");
    expect(text).toContain("$225.40");
    expect(text).toContain("Refunds and voids");
    expect(text).toContain("Reason: Duplicate charge");
    expect(text).toContain("Pat Rivera");
  });

  it("is written in Spanish for the es locale, accents and all, with money and dates in Spanish", async () => {
    const pdf = await renderReceiptPdf(
      receiptFixture({
        status: "PARTIALLY_REFUNDED",
        refundedCents: 500, // $5.00
        refunds: [
          {
            id: "rf_1",
            kind: "REFUND",
            status: "SUCCEEDED",
            amountCents: 500, // $5.00
            currency: "USD",
            reason: "Duplicate charge",
            createdAt: new Date("2026-11-25T15:00:00Z"),
          },
        ],
      }),
      { compress: false, locale: "es" },
    );
    const text = drawnText(pdf);
    for (const expected of [
      "Recibo de pago",
      "Estado: Reembolsado en parte",
      "Número de recibo",
      "Estados de cuenta pagados",
      "Estado de cuenta ST-1001",
      "Reembolsos y anulaciones",
      "Motivo: Duplicate charge",
      "Garante",
      "24 nov 2026",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Payment receipt");
    expect(text).not.toContain("Statements paid");
    expect(pdf.toString("latin1")).toContain("/Lang (es-US)");
  });

  it("compresses by default and still starts as a PDF", async () => {
    const pdf = await renderReceiptPdf(receiptFixture());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
  });
});
