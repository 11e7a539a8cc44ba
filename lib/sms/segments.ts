/**
 * How many SMS segments a text costs, as a carrier counts them (3GPP TS 23.038): a text whose
 * every character is in the GSM-7 alphabet goes as GSM-7, 160 characters in one segment or 153
 * a segment when split (the characters of the extension table, `{}[]~\^|€`, count twice); a text
 * with any other character goes whole as UCS-2, 70 in one segment or 67 a segment. Spanish is
 * only partly in GSM-7: ñ, é, ü, ¿ and ¡ are, but á, í, ó and ú are not, so one "día" makes a text
 * UCS-2 and more than twice as long to send. Pure.
 */
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "^{}\\[~]|€\f";

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

/** Whether the whole text can go as GSM-7. */
export const isGsm7 = (text: string) => [...text].every((c) => basic.has(c) || extension.has(c));

/** The segments `text` is sent in, and its encoding. */
export const smsSegments = (text: string): { encoding: "GSM-7" | "UCS-2"; segments: number } => {
  if (isGsm7(text)) {
    const units = [...text].reduce((n, c) => n + (extension.has(c) ? 2 : 1), 0);
    return { encoding: "GSM-7", segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  // UCS-2 counts UTF-16 code units (a character outside the BMP is two).
  const units = text.length;
  return { encoding: "UCS-2", segments: units <= 70 ? 1 : Math.ceil(units / 67) };
};
