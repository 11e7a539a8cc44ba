import { formatCompactDate } from "./fields";
import { checkPostingTransaction, type TPostingTransaction, type TPostingWriter } from "./posting-record";

/**
 * Lockbox A, the fixed-width posting file (docs/files.md): a header (`H`, capture date, lockbox
 * number), one detail per payment captured or settled within the day and per refund (`D`), and
 * a trailer (`T`, the net total, the detail count). Records are not padded to one length (ours):
 * the header is 15 characters, a detail 66, the trailer 26.
 */

const DETAIL_ACCOUNT_WIDTH = 20;
const AMOUNT_WIDTH = 15;

/** The payment source code of a transaction. eCheck is a check, `000002` (ours). */
export const lockboxPaymentSource = (tx: Pick<TPostingTransaction, "transactionType" | "cardType">) => {
  if (tx.transactionType === "Cash") return "000001";
  if (tx.transactionType === "eCheck") return "000002";
  switch (tx.cardType) {
    case "AMEX":
      return "000006";
    case "DISCOVER":
      return "000007";
    case "MC":
      return "000008";
    case "VISA":
      return "000009";
    default:
      return "000010";
  }
};

/** Cents as 15 zero-filled digits with implied decimals; a negative amount has `-` at the far left. */
export const lockboxAmount = (cents: number) => {
  if (!Number.isSafeInteger(cents)) throw new RangeError("Amount must be whole cents");
  const digits = String(Math.abs(cents));
  const width = cents < 0 ? AMOUNT_WIDTH - 1 : AMOUNT_WIDTH;
  if (digits.length > width) throw new RangeError("Amount does not fit Lockbox A's 15 positions");
  return `${cents < 0 ? "-" : ""}${digits.padStart(width, "0")}`;
};

/** Whether a line goes into Lockbox A, and its sign: payments captured this day, refunds negative. */
export const lockboxSign = (tx: TPostingTransaction): 1 | -1 | 0 => {
  if (tx.remittance === "in") return 1;
  if (tx.remittance === "back" && tx.action === "Credit") return -1;
  return 0;
};

export const lockboxHeader = (captureDate: Date, lockboxNumber: string) => {
  if (!/^\d{1,6}$/.test(lockboxNumber)) throw new TypeError("The lockbox number must be 1 to 6 digits");
  return `H${formatCompactDate(captureDate)}${lockboxNumber.padStart(6, "0")}`;
};

/** One detail record. An account number longer than 20 characters cannot be written (a TypeError: the file fails loudly). */
export const formatLockboxDetail = (captureDate: Date, tx: TPostingTransaction, sign: 1 | -1) => {
  checkPostingTransaction(tx);
  const account = tx.accountNumber.replace(/[\u0000-\u001f\u007f]/g, " ");
  if (account.length > DETAIL_ACCOUNT_WIDTH)
    throw new TypeError("Account numbers in Lockbox A are at most 20 characters");
  return [
    "D",
    formatCompactDate(captureDate),
    "0".repeat(10), // no paper check: card, eCheck and cash
    lockboxAmount(sign * tx.amountCents),
    account.padEnd(DETAIL_ACCOUNT_WIDTH, " "),
    lockboxPaymentSource(tx),
    "000001",
  ].join("");
};

export const lockboxTrailer = (totalCents: number, count: number) =>
  `T${lockboxAmount(totalCents)}${String(count).padStart(10, "0")}`;

/** The file's writer, for one capture date (the business day); it counts and totals as it goes. */
export const lockboxWriter = ({
  captureDate,
  lockboxNumber,
}: {
  captureDate: Date;
  lockboxNumber: string;
}): TPostingWriter => {
  let total = 0;
  let count = 0;
  return {
    header: () => `${lockboxHeader(captureDate, lockboxNumber)}\n`,
    record: (tx) => {
      const sign = lockboxSign(tx);
      if (sign === 0) return "";
      const line = formatLockboxDetail(captureDate, tx, sign);
      total += sign * tx.amountCents;
      count += 1;
      return `${line}\n`;
    },
    trailer: () => `${lockboxTrailer(total, count)}\n`,
  };
};
