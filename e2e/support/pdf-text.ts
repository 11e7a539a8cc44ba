import { inflateSync } from "node:zlib";

/**
 * The text a downloaded (compressed) pdfkit PDF draws: each content stream inflated, then its
 * `[...] TJ` hex strings read as WinAnsi (Latin-1 for what we print), one line per TJ.
 */
export const pdfText = (pdf: Buffer) => {
  const raw = pdf.toString("latin1");
  const streams = [...raw.matchAll(/stream\r?\n/g)].map((m) => {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    try {
      return inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      return ""; // not a deflated stream (none here, but a font or an image would be)
    }
  });
  return streams
    .flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ/g)])
    .map(([, parts]) =>
      [...parts!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1"))
        .join(""),
    )
    .join("\n");
};
