import { formatCompactDate, formatFileAmount } from "./fields";
import { checkPostingTransaction, type TPostingTransaction, type TPostingWriter } from "./posting-record";

/**
 * ASC X12 835 (005010X221A1) for patient payments (docs/files.md): one interchange per file
 * (ISA/GS … GE/IEA), one transaction set (ST … SE) per payment taken or money given back within
 * the day. A refund, and a void, return or chargeback of an earlier day's payment, is its own
 * set with BPR03 `D` and negative CLP03, CLP04 and CLP05 (ours). Segments end with `~` and a
 * LF (ours), elements are separated by `*`, components by `:`, repetitions by `^`.
 */

export type TX12Options = {
  /** ISA06/GS02 and ISA08/GS03, at most 15 characters. */
  senderId: string;
  receiverId: string;
  /** ISA13/GS06/IEA02: 1 to 999,999,999, unique per sender (ours: the practice's running number of 835 files). */
  controlNumber: number;
  /** When the file was made, on the practice's wall clock: the day and `HHMM`. */
  createdDay: Date;
  createdTime: string;
  /** BPR16: the business day the file covers. */
  businessDay: Date;
  payee: { name: string; npi: string | null };
  /** ISA15: `P` production, `T` test. */
  usage: "P" | "T";
};

const SEGMENT_END = "~\n";
const LX = `LX*1${SEGMENT_END}`;

/** A value made safe for one element: the delimiters (`*`, `~`, `:`, `^`) and control characters become a space (ours). */
export const x12Element = (value: string | null | undefined) =>
  (value ?? "").replace(/[*~:^\u0000-\u001f\u007f]/g, " ").trim();

/** A segment from its ID and elements; trailing empty elements are left off, as X12 requires. */
export const x12Segment = (id: string, ...elements: string[]) => {
  let end = elements.length;
  while (end > 0 && elements[end - 1] === "") end -= 1;
  return [id, ...elements.slice(0, end)].join("*") + SEGMENT_END;
};

/** Cents as an X12 decimal: `125.40`, `-125.40`. */
export const x12Amount = (cents: number) =>
  cents < 0 ? `-${formatFileAmount(-cents)}` : formatFileAmount(cents);

const fixed = (value: string, width: number) => {
  const clean = x12Element(value);
  if (clean.length > width) throw new TypeError(`An X12 id is at most ${width} characters`);
  return clean.padEnd(width, " ");
};

const controlNumber9 = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 1 || n > 999_999_999)
    throw new RangeError("Control numbers are 1 to 999999999");
  return String(n).padStart(9, "0");
};

/** `<Account>_dpa835_<YYYYMMDD>_<seq>.rep`; characters other than letters, digits and `-` in the account become `-`. */
export const x12FileName = ({
  account,
  businessDay,
  sequence,
}: {
  account: string;
  businessDay: Date;
  sequence: number;
}) => `${account.replace(/[^A-Za-z0-9-]/g, "-")}_dpa835_${formatCompactDate(businessDay)}_${sequence}.rep`;

/** What every transaction set of one file repeats, made once per file. */
type TSetParts = {
  /** BPR after its fourth element (the 11 empty elements and BPR16, the business day). */
  bprTail: string;
  /** The payee's N1 segment. */
  payee: string;
};

const setPartsOf = (options: TX12Options): TSetParts => {
  const bpr = x12Segment(
    "BPR",
    "H",
    "",
    "",
    "NON",
    ...Array<string>(11).fill(""),
    formatCompactDate(options.businessDay),
  );
  return {
    bprTail: bpr.slice(bpr.indexOf("NON") + 3),
    payee: options.payee.npi
      ? x12Segment("N1", "PE", x12Element(options.payee.name), "XX", x12Element(options.payee.npi))
      : x12Segment("N1", "PE", x12Element(options.payee.name)),
  };
};

/** The 835 transaction set of one transaction (its segments, ST to SE), or "" when it moved no money. */
const transactionSet = (tx: TPostingTransaction, setNumber: string, parts: TSetParts) => {
  if (tx.remittance === null) return { text: "", count: 0 };
  checkPostingTransaction(tx);
  const sign = tx.remittance === "in" ? 1 : -1;
  const segments = [
    x12Segment("ST", "835", setNumber),
    `BPR*H*${x12Amount(tx.amountCents)}*${sign > 0 ? "C" : "D"}*NON${parts.bprTail}`,
    x12Segment("TRN", "1", x12Element(tx.authorizationNumber) || tx.transactionId, "1999999999"),
    x12Segment(
      "N1",
      "PR",
      x12Element(`${tx.patientFirstName} ${tx.patientLastName}`),
      "XV",
      x12Element(tx.accountNumber),
    ),
  ];
  if (tx.address1) segments.push(x12Segment("N3", x12Element(tx.address1), x12Element(tx.address2)));
  if (tx.city || tx.state || tx.zip)
    segments.push(x12Segment("N4", x12Element(tx.city), x12Element(tx.state), x12Element(tx.zip)));
  segments.push(parts.payee, LX);
  const claims =
    tx.claims.length > 0 ? tx.claims : [{ statementNumber: tx.accountNumber, amountCents: tx.amountCents }];
  for (const claim of claims) {
    const amount = x12Amount(sign * claim.amountCents);
    segments.push(
      x12Segment("CLP", x12Element(claim.statementNumber), "1", amount, amount, amount),
      x12Segment(
        "NM1",
        "QC",
        "1",
        x12Element(tx.patientLastName),
        x12Element(tx.patientFirstName),
        x12Element(tx.patientMiddleName),
      ),
    );
  }
  segments.push(x12Segment("SE", String(segments.length + 1), setNumber));
  return { text: segments.join(""), count: 1 };
};

/** The file's writer: ISA and GS first, a set per transaction that moved money, then GE and IEA with the counts. */
export const x12835Writer = (options: TX12Options): TPostingWriter => {
  const control = controlNumber9(options.controlNumber);
  const created = formatCompactDate(options.createdDay);
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(options.createdTime)) throw new TypeError("createdTime is HHMM");
  const parts = setPartsOf(options);
  let sets = 0;
  return {
    header: () =>
      [
        `ISA*00*${" ".repeat(10)}*00*${" ".repeat(10)}*ZZ*${fixed(options.senderId, 15)}*ZZ*${fixed(options.receiverId, 15)}*${created.slice(2)}*${options.createdTime}*^*00501*${control}*0*${options.usage}*:${SEGMENT_END}`,
        x12Segment(
          "GS",
          "HP",
          x12Element(options.senderId),
          x12Element(options.receiverId),
          created,
          options.createdTime,
          String(options.controlNumber),
          "X",
          "005010X221A1",
        ),
      ].join(""),
    record: (tx) => {
      const { text, count } = transactionSet(tx, String(sets + 1).padStart(4, "0"), parts);
      sets += count;
      return text;
    },
    trailer: () =>
      x12Segment("GE", String(sets), String(options.controlNumber)) + x12Segment("IEA", "1", control),
  };
};
