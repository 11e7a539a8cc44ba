import { isAllDigits, parseCompactDate } from "./fields";

/**
 * The names of the files the PMS sends (docs/files.md, "File names"):
 * `<prefix>_<ClientID>_<YYYYMMDD>_<UniqueID>.txt`. The balance file's `PS_` is the published
 * one; FILES.md names no file for the autopay files or the payment import, so `APC_`
 * (enrolment), `APCTERM_` (unenrolment) and `PT_` (payment transactions) are ours, on the balance
 * file's pattern. The import inbox tells the kinds apart
 * by these names; a staff upload says its kind and may have any name.
 */
export type TPmsFileKind = "BALANCE" | "AUTOPAY_ENROLL" | "AUTOPAY_UNENROLL" | "PAYMENT_IMPORT";

export const PMS_FILE_PREFIX: Record<TPmsFileKind, string> = {
  BALANCE: "PS",
  AUTOPAY_ENROLL: "APC",
  AUTOPAY_UNENROLL: "APCTERM",
  PAYMENT_IMPORT: "PT",
};

export type TPmsFileName = { kind: TPmsFileKind; clientId: string; fileDate: Date; uniqueId: string };

export type TPmsFileNameResult =
  ({ ok: true } & TPmsFileName) | { ok: false; code: "BAD_FILE_NAME"; reason: string };

const baseName = (name: string) => name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);

/** 1–80 letters, digits or hyphens (no underscores: they separate the parts). */
const isNamePart = (text: string) => {
  if (text.length < 1 || text.length > 80) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isOk = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
    if (!isOk) return false;
  }
  return true;
};

/**
 * `<prefix>_<ClientID>_<YYYYMMDD>_<UniqueID>.txt` for `kind`'s prefix → its parts. Client and
 * unique IDs are 1–80 letters, digits or hyphens; the date is a real date; `.txt` in any case. A
 * directory in front is ignored.
 */
export const parsePmsFileName = (name: string, kind: TPmsFileKind): TPmsFileNameResult => {
  const prefix = PMS_FILE_PREFIX[kind];
  const base = baseName(name);
  const bad = (): TPmsFileNameResult => ({
    ok: false,
    code: "BAD_FILE_NAME",
    reason: `The file name is not ${prefix}_<ClientID>_<YYYYMMDD>_<UniqueID>.txt.`,
  });
  if (base.length < 4 || base.slice(-4).toLowerCase() !== ".txt") return bad();
  const parts = base.slice(0, -4).split("_");
  if (parts.length !== 4) return bad();
  const [first = "", clientId = "", day = "", uniqueId = ""] = parts;
  if (first !== prefix || !isNamePart(clientId) || !isNamePart(uniqueId)) return bad();
  const fileDate = isAllDigits(day) ? parseCompactDate(day) : null;
  if (!fileDate) return bad();
  return { ok: true, kind, clientId, fileDate, uniqueId };
};

/**
 * The kind a file in the inbox claims to be by its name: `PS_…`, `APC_…`, `APCTERM_…` or `PT_…` ending
 * in `.txt` (prefix and extension in any case); null for any other file, which the inbox leaves
 * alone. Whether the rest of the name is right is `parsePmsFileName`'s to say.
 */
export const pmsFileKindOf = (name: string): TPmsFileKind | null => {
  const base = baseName(name);
  if (!/\.txt$/i.test(base)) return null;
  const prefix = base.slice(0, base.indexOf("_") + 1).toUpperCase();
  for (const kind of Object.keys(PMS_FILE_PREFIX) as TPmsFileKind[]) {
    if (prefix === `${PMS_FILE_PREFIX[kind]}_`) return kind;
  }
  return null;
};
