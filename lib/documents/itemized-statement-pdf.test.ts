import { describe, expect, it } from "vitest";
import { itemizedStatementFixture } from "@/lib/documents/fixtures";
import { renderItemizedStatementPdf } from "@/lib/documents/itemized-statement-pdf";
import { drawnText } from "@/lib/documents/pdf-text";
import type { TItemizedLine } from "@/lib/documents/types";

const render = (overrides = {}) =>
  renderItemizedStatementPdf(itemizedStatementFixture(overrides), { locale: "en-US", compress: false });

describe("renderItemizedStatementPdf", () => {
  it("prints what an HSA or FSA claim needs: the practice, the patient, each service with its code, insurance, adjustments and payments", async () => {
    const pdf = await render();
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = drawnText(pdf);
    for (const expected of [
      "Riverside Family Medicine",
      "1200 Walnut Street",
      "Itemized statement",
      "ST-1001",
      "Oct 1, 2026",
      "A-1001",
      "Pat Rivera",
      "Dr. Ana Ortiz",
      "1234567893",
      // The lines: date of service, description, code, charge, insurance, adjustment, patient's share.
      "Sep 3, 2026",
      "Office visit",
      "99214",
      "$245.00",
      "-$160.00",
      "-$40.00",
      "$45.00",
      "Influenza vaccine",
      "90686",
      // The summary and the payments.
      "Total charges",
      "$340.00",
      "Balance now",
      "$55.00",
      "R-20261105-AAAAAA",
      "Refund",
    ]) {
      expect(text).toContain(expected);
    }
    // The bullets of "Visa ••4242" are WinAnsi 0x95.
    expect(text).toContain("Payment: Visa \x95\x954242");
  });

  it("is a tagged PDF in the patient's language with its title shown: headings, paragraphs and tables with header cells", async () => {
    const pdf = (await render()).toString("latin1");
    expect(pdf).toContain("/Lang (en-US)");
    expect(pdf).toContain("/DisplayDocTitle true");
    expect(pdf).toContain("(Itemized statement ST-1001)");
    expect(pdf).toContain("/StructTreeRoot");
    expect(pdf).toMatch(/\/Marked true/);
    for (const tag of ["/S /H1", "/S /H2", "/S /Table", "/S /TH", "/S /TD", "/S /P"])
      expect(pdf).toContain(tag);
    expect(pdf).toContain("/Artifact");
  });

  it("runs over as many pages as the lines need, and says so when the practice sent no lines or no payment was made", async () => {
    const line = itemizedStatementFixture().lines[0]!;
    const lines: TItemizedLine[] = Array.from({ length: 60 }, (_, i) => ({
      ...line,
      lineNumber: i + 1,
      description: `Service number ${i + 1}`,
    }));
    const long = await render({ lines });
    expect(long.toString("latin1").match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(1);
    expect(drawnText(long)).toContain("Service number 60");

    const bare = drawnText(await render({ lines: [], payments: [], credits: [] }));
    expect(bare).toContain("The practice has not sent the service lines of this statement.");
    expect(bare).toContain("No payments have been made on this statement.");
  });

  it("compresses by default and still starts as a PDF", async () => {
    const pdf = await renderItemizedStatementPdf(itemizedStatementFixture(), { locale: "en-US" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
  });

  it("in Spanish: its words (accents in WinAnsi), money and dates for a Spanish reader, and /Lang es-US", async () => {
    const pdf = await renderItemizedStatementPdf(itemizedStatementFixture(), {
      locale: "es-US",
      compress: false,
    });
    const text = drawnText(pdf);
    for (const expected of [
      "Estado de cuenta detallado",
      "Número de estado de cuenta",
      "1 oct 2026",
      "3 sept 2026",
      "Servicios",
      "Descripción",
      "-$160.00",
      "Total de cargos",
      "Saldo actual",
      "$55.00",
      "Reembolso",
      "Pago: Visa \x95\x954242",
      "¿Tiene preguntas? Comuníquese con Riverside Family Medicine",
    ]) {
      expect(text).toContain(expected);
    }
    for (const english of ["Itemized statement", "Total charges", "Balance now", "Payment:", "Oct 1"]) {
      expect(text).not.toContain(english);
    }
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (es-US)");
    expect(raw).toContain("(Estado de cuenta detallado ST-1001)");
  });
});
