import { describe, expect, it } from "vitest";
import { yearlySummaryFixture } from "@/lib/documents/fixtures";
import { drawnText } from "@/lib/documents/pdf-text";
import { renderYearlySummaryPdf } from "@/lib/documents/yearly-summary-pdf";

describe("renderYearlySummaryPdf", () => {
  it("lists the year's payments and refunds and totals them: payments − refunds = net", async () => {
    const pdf = await renderYearlySummaryPdf(yearlySummaryFixture(), { locale: "en-US", compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = drawnText(pdf);
    for (const expected of [
      "Riverside Family Medicine",
      "Payment summary for 2026",
      "A-1001",
      "Pat Rivera",
      "Jan 15, 2026",
      "R-20260115-BBBBBB",
      "ST-1001",
      "$125.40",
      "R-20261124-CCCCCC",
      "ST-1002, ST-1003",
      "$890.00",
      "Dec 1, 2026",
      "Refund",
      "$100.01",
      "$1,015.40",
      "-$100.01",
      "Net paid",
      "$915.39",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain("Bank account \x95\x956789 (Chase)");
  });

  it("is a tagged PDF in the patient's language, titled with the year and the account", async () => {
    const pdf = (
      await renderYearlySummaryPdf(yearlySummaryFixture(), { locale: "en-US", compress: false })
    ).toString("latin1");
    expect(pdf).toContain("/Lang (en-US)");
    expect(pdf).toContain("/DisplayDocTitle true");
    expect(pdf).toContain("(Payment summary 2026, account A-1001)");
    for (const tag of ["/StructTreeRoot", "/S /H1", "/S /Table", "/S /TH"]) expect(pdf).toContain(tag);
  });

  it("says so when the year had no payments or refunds", async () => {
    const text = drawnText(
      await renderYearlySummaryPdf(yearlySummaryFixture({ year: 2025, payments: [], credits: [] }), {
        locale: "en-US",
        compress: false,
      }),
    );
    expect(text).toContain("No payments in 2025.");
    expect(text).toContain("No refunds or returns in 2025.");
    expect(text).toContain("$0.00");
  });

  it("in Spanish: its words, money and dates for a Spanish reader, and /Lang es-US", async () => {
    const pdf = await renderYearlySummaryPdf(yearlySummaryFixture(), { locale: "es-US", compress: false });
    const text = drawnText(pdf);
    for (const expected of [
      "Resumen de pagos de 2026",
      "Garante",
      "15 ene 2026",
      "Forma de pago",
      "Estados de cuenta",
      "Reembolso",
      "-$100.01",
      "Total neto pagado",
      "$915.39",
      "Cuenta bancaria \x95\x956789", // "(Chase)" wraps to the cell's next line
    ]) {
      expect(text).toContain(expected);
    }
    for (const english of ["Payment summary", "Net paid", "Refunds and returns", "Jan 15"]) {
      expect(text).not.toContain(english);
    }
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (es-US)");
    expect(raw).toContain("(Resumen de pagos 2026, cuenta A-1001)");
  });
});
