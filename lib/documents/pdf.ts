import "server-only";
import PDFDocument from "pdfkit";
import type { TDocumentLocale } from "@/lib/documents/locale";

/**
 * Shared layout of the patient documents (itemized statement, yearly payment summary): US
 * Letter, the PDF's built-in Helvetica (nothing downloaded or embedded; its WinAnsi encoding
 * covers the dashes and bullets we print), and a tagged PDF: its language, its title shown
 * instead of the file name, headings, paragraphs and tables in a structure tree (table headers
 * as TH with their scope) and the rules marked as artifacts, so a screen reader reads it in
 * order. `compress: false` keeps the content streams readable in tests.
 */

const MARGIN = 54; // 3/4 inch
export const INK = "#0f172a";
export const MUTED = "#475569";
const RULE = "#cbd5e1";

type TStruct = ReturnType<PDFKit.PDFDocument["struct"]>;

export type TPdfColumn = { header: string; width: number; align?: "left" | "right" };

export type TPdfWriter = {
  doc: PDFKit.PDFDocument;
  /** The content width between the margins. */
  width: number;
  heading: (text: string, level?: 1 | 2) => void;
  paragraph: (text: string, options?: { size?: number; color?: string; bold?: boolean }) => void;
  rule: () => void;
  /** A table with a header row (TH, column scope); rows of text, one cell a column. */
  table: (options: { columns: TPdfColumn[]; rows: string[][]; size?: number }) => void;
  /** Label and value pairs: the label a row header (TH, row scope); `boldLast` for a total. */
  facts: (
    rows: [label: string, value: string][],
    options?: { labelWidth?: number; valueAlign?: "left" | "right"; boldLast?: boolean; width?: number },
  ) => void;
  /** Ends the document and resolves to its bytes. */
  finish: () => Promise<Buffer>;
};

export const startPdf = ({
  title,
  subject,
  author,
  locale,
  compress = true,
}: {
  title: string;
  subject: string;
  author: string;
  locale: TDocumentLocale;
  compress?: boolean;
}): TPdfWriter => {
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    compress,
    lang: locale,
    tagged: true,
    pdfVersion: "1.7",
    displayTitle: true,
    info: { Title: title, Author: author, Subject: subject },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const root: TStruct = doc.struct("Document");
  doc.addStructure(root);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;

  const text = (
    value: string,
    { type, font, size, color }: { type: string; font: string; size: number; color: string },
  ) => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(value, left, doc.y, { width, structParent: root, structType: type });
  };

  /** Starts a new page when fewer than `points` are left, so a heading is not left alone at the bottom. */
  const keepRoom = (points: number) => {
    if (doc.y + points > doc.page.maxY()) doc.addPage();
  };

  const tableOptions = (extra: Record<string, unknown>) =>
    // pdfkit's table takes `structParent` (its tagged tables) and a header cell's `scope`, which
    // @types/pdfkit does not list.
    ({
      structParent: root,
      position: { x: left, y: doc.y },
      ...extra,
    }) as unknown as PDFKit.Mixins.TableOptionsWithData;

  return {
    doc,
    width,
    heading: (value, level = 2) => {
      keepRoom(level === 1 ? 60 : 48);
      if (level === 2) doc.moveDown(0.6);
      text(value, { type: `H${level}`, font: "Helvetica-Bold", size: level === 1 ? 20 : 13, color: INK });
      doc.moveDown(0.3);
    },
    paragraph: (value, { size = 10, color = MUTED, bold = false } = {}) => {
      text(value, { type: "P", font: bold ? "Helvetica-Bold" : "Helvetica", size, color });
    },
    rule: () => {
      doc.moveDown(0.5);
      doc.markContent("Artifact", { type: "Layout" });
      doc
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .lineWidth(0.75)
        .strokeColor(RULE)
        .stroke();
      doc.endMarkedContent();
      doc.moveDown(0.75);
    },
    table: ({ columns, rows, size = 8.5 }) => {
      keepRoom(40);
      doc.font("Helvetica").fontSize(size).fillColor(INK);
      const header = columns.map((c) => ({
        text: c.header,
        type: "TH" as const,
        scope: "Column",
        font: { src: "Helvetica-Bold" },
        textColor: MUTED,
        align: { x: c.align ?? "left", y: "bottom" as const },
        border: { bottom: 0.75 },
      }));
      doc.table(
        tableOptions({
          columnStyles: columns.map((c) => ({ width: c.width, align: { x: c.align ?? "left" } })),
          defaultStyle: { border: { bottom: 0.5 }, borderColor: RULE, padding: [3, 4], textColor: INK },
          data: [header, ...rows],
        }),
      );
      doc.x = left;
      doc.moveDown(0.4);
    },
    facts: (
      rows,
      { labelWidth = 150, valueAlign = "left", boldLast = false, width: factsWidth = width } = {},
    ) => {
      doc.font("Helvetica").fontSize(10).fillColor(INK);
      const x = left + width - factsWidth;
      doc.table(
        tableOptions({
          position: { x, y: doc.y },
          columnStyles: [labelWidth, factsWidth - labelWidth],
          defaultStyle: { border: 0, padding: [2, 0] },
          data: rows.map(([label, value], i) => {
            const isBold = boldLast && i === rows.length - 1;
            return [
              {
                text: label,
                type: "TH" as const,
                scope: "Row",
                textColor: isBold ? INK : MUTED,
                font: { src: isBold ? "Helvetica-Bold" : "Helvetica" },
              },
              {
                text: value,
                textColor: INK,
                align: { x: valueAlign },
                font: { src: isBold ? "Helvetica-Bold" : "Helvetica" },
              },
            ];
          }),
        }),
      );
      doc.x = left;
      doc.moveDown(0.2);
    },
    finish: () => {
      root.end();
      doc.end();
      return done;
    },
  };
};
