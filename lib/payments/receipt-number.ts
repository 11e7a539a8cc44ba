import { randomInt } from "node:crypto";

// No 0/O or 1/I/L: receipt numbers are read aloud over the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** e.g. "R-20261124-7K3QX9": the day in the practice's zone plus 6 random characters. */
export const newReceiptNumber = (isoDay: string) =>
  `R-${isoDay.replace(/-/g, "")}-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
