import "server-only";
import { itemizedStatementText } from "@/lib/documents/itemized-statement";
import type { TDocumentLocale } from "@/lib/documents/locale";
import { INK, startPdf } from "@/lib/documents/pdf";
import type { TItemizedStatement } from "@/lib/documents/types";

/** The itemized statement as a tagged PDF (US Letter), in `locale`; more pages as the lines need. */
export const renderItemizedStatementPdf = (
  statement: TItemizedStatement,
  { locale, compress = true }: { locale: TDocumentLocale; compress?: boolean },
) => {
  const text = itemizedStatementText(statement, locale);
  const pdf = startPdf({
    title: text.documentTitle,
    subject: text.subject,
    author: statement.practice.name,
    locale,
    compress,
  });
  const [practiceName, ...practiceRest] = text.practiceLines;
  pdf.paragraph(practiceName ?? "", { size: 16, color: INK, bold: true });
  for (const line of practiceRest) pdf.paragraph(line);
  pdf.rule();

  pdf.heading(text.title, 1);
  pdf.facts(text.facts);

  pdf.heading(text.servicesHeading);
  if (text.noLines) pdf.paragraph(text.noLines);
  else
    pdf.table({
      columns: text.lineColumns.map((header, i) => ({
        header,
        // Date, description, code, then four amounts; 504 points in all.
        width: [62, 150, 44, 60, 62, 62, 64][i]!,
        align: i >= 3 ? "right" : "left",
      })),
      rows: text.lines,
    });

  pdf.heading(text.summaryHeading);
  pdf.facts(text.summary, { labelWidth: 170, valueAlign: "right", boldLast: true, width: 270 });

  pdf.heading(text.paymentsHeading);
  if (text.noPayments) pdf.paragraph(text.noPayments);
  else
    pdf.table({
      columns: text.paymentColumns.map((header, i) => ({
        header,
        width: [80, 130, 214, 80][i]!,
        align: i === 3 ? "right" : "left",
      })),
      rows: text.payments,
      size: 9,
    });

  pdf.rule();
  pdf.paragraph(text.footer, { size: 9 });
  return pdf.finish();
};
