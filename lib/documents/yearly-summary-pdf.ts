import "server-only";
import type { TDocumentLocale } from "@/lib/documents/locale";
import { INK, startPdf } from "@/lib/documents/pdf";
import type { TYearlySummary } from "@/lib/documents/types";
import { yearlySummaryText } from "@/lib/documents/yearly-summary";

/** The yearly payment summary of one account as a tagged PDF (US Letter), in `locale`. */
export const renderYearlySummaryPdf = (
  summary: TYearlySummary,
  { locale, compress = true }: { locale: TDocumentLocale; compress?: boolean },
) => {
  const text = yearlySummaryText(summary, locale);
  const pdf = startPdf({
    title: text.documentTitle,
    subject: text.subject,
    author: summary.practice.name,
    locale,
    compress,
  });
  const [practiceName, ...practiceRest] = text.practiceLines;
  pdf.paragraph(practiceName ?? "", { size: 16, color: INK, bold: true });
  for (const line of practiceRest) pdf.paragraph(line);
  pdf.rule();

  pdf.heading(text.title, 1);
  pdf.paragraph(text.intro);
  pdf.doc.moveDown(0.5);
  pdf.facts(text.facts);

  pdf.heading(text.paymentsHeading);
  if (text.noPayments) pdf.paragraph(text.noPayments);
  else
    pdf.table({
      columns: text.paymentColumns.map((header, i) => ({
        header,
        width: [74, 120, 130, 100, 80][i]!,
        align: i === 4 ? "right" : "left",
      })),
      rows: text.payments,
      size: 9,
    });

  pdf.heading(text.creditsHeading);
  if (text.noCredits) pdf.paragraph(text.noCredits);
  else
    pdf.table({
      columns: text.creditColumns.map((header, i) => ({
        header,
        width: [74, 120, 230, 80][i]!,
        align: i === 3 ? "right" : "left",
      })),
      rows: text.credits,
      size: 9,
    });

  pdf.heading(text.totalsHeading);
  pdf.facts(text.totals, { labelWidth: 170, valueAlign: "right", boldLast: true, width: 270 });

  pdf.rule();
  pdf.paragraph(text.note, { size: 9 });
  pdf.doc.moveDown(0.4);
  pdf.paragraph(text.footer, { size: 9 });
  return pdf.finish();
};
