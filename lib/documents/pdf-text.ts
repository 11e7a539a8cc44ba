/**
 * The text drawn by an uncompressed pdfkit PDF, a line per `TJ` (for tests): its standard fonts
 * write each line as hex strings inside `[...] TJ` (split where kerning applies), in WinAnsi,
 * which is Latin-1 for what we print.
 */
export const drawnText = (pdf: Buffer) =>
  [...pdf.toString("latin1").matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map(([, parts]) =>
      [...parts!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1"))
        .join(""),
    )
    .join("\n");
