import "server-only";
import PDFDocument from "pdfkit";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { receiptText } from "@/lib/receipts/format";
import { RECEIPT_STRINGS } from "@/lib/receipts/strings";
import type { TReceipt } from "@/lib/receipts/types";

const MARGIN = 54; // 3/4 inch
const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";

/**
 * The receipt as a one-page PDF (US Letter), with the same facts as the page. Uses the PDF's
 * built-in Helvetica, so nothing is downloaded or embedded; its WinAnsi encoding covers the
 * dashes and bullets we print, and Spanish's accents, ñ and ¿. `compress: false` keeps the
 * content streams readable in tests. Written in `locale` (lib/receipts/strings.ts).
 */
export const renderReceiptPdf = (
  receipt: TReceipt,
  { compress = true, locale = DEFAULT_LOCALE }: { compress?: boolean; locale?: TLocale } = {},
) => {
  const text = receiptText(receipt, locale);
  const s = RECEIPT_STRINGS[locale];
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    compress,
    lang: INTL_LOCALES[locale],
    displayTitle: true,
    info: {
      Title: s.documentTitle(receipt.receiptNumber),
      Author: receipt.practice.name,
      Subject: s.title,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const labelWidth = 150;

  const rule = () => {
    doc.moveDown(0.5);
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(0.75)
      .strokeColor(RULE)
      .stroke();
    doc.moveDown(0.75);
  };
  const heading = (title: string) => {
    doc.font("Helvetica-Bold").fontSize(13).fillColor(INK).text(title, left, doc.y, { width });
    doc.moveDown(0.4);
  };
  /** A label and its value on one line (the value wraps in its own column). */
  const row = (label: string, value: string, { bold = false, alignRight = false } = {}) => {
    const y = doc.y;
    doc.font("Helvetica").fontSize(10.5).fillColor(MUTED).text(label, left, y, { width: labelWidth });
    const afterLabel = doc.y;
    doc
      .font(bold ? "Helvetica-Bold" : "Helvetica")
      .fillColor(INK)
      .text(value, left + labelWidth, y, { width: width - labelWidth, align: alignRight ? "right" : "left" });
    doc.y = Math.max(doc.y, afterLabel) + 3;
  };

  // Practice
  const [practiceName, ...practiceRest] = text.practiceLines;
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .fillColor(INK)
    .text(practiceName ?? "", left, MARGIN, { width });
  doc.font("Helvetica").fontSize(10).fillColor(MUTED);
  for (const line of practiceRest) doc.text(line, { width });
  rule();

  // Title and status
  doc.font("Helvetica-Bold").fontSize(20).fillColor(INK).text(text.title, { width });
  doc.moveDown(0.2);
  doc.font("Helvetica-Bold").fontSize(12).text(s.statusLine(text.status.label), { width });
  if (text.status.detail) {
    doc.font("Helvetica").fontSize(10.5).fillColor(MUTED).text(text.status.detail, { width });
  }
  doc.moveDown(0.8);

  for (const [label, value] of text.facts) row(label, value);
  rule();

  heading(s.statementsPaid);
  for (const [statement, amount] of text.allocations) row(statement, amount, { alignRight: true });
  doc.moveDown(0.2);
  row(s.total, text.total, { bold: true, alignRight: true });

  if (text.refunds.length) {
    rule();
    heading(s.refundsAndVoids);
    for (const f of text.refunds) {
      row(`${f.label} · ${f.status}`, `${f.amount}  —  ${f.date}`, { alignRight: true });
      if (f.reason) {
        doc
          .font("Helvetica")
          .fontSize(10)
          .fillColor(MUTED)
          .text(s.reason(f.reason), left + labelWidth, doc.y, {
            width: width - labelWidth,
            align: "right",
          });
        doc.moveDown(0.3);
      }
    }
  }

  rule();
  doc
    .font("Helvetica")
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(
      s.footer({
        practice: receipt.practice.name,
        phone: receipt.practice.phone,
        receiptNumber: receipt.receiptNumber,
      }),
      left,
      doc.y,
      { width },
    );

  doc.end();
  return done;
};
