import "server-only";
import { getDb } from "@/lib/db";
import type { TFileError } from "@/lib/files/fields";

/** How the autopay importers find and check the account a row names (docs/files.md). */

export type TPracticeAccount = {
  id: string;
  accountNumber: string;
  guarantorLastName: string;
  /** The limit of its active autopay enrolment, or null when it is not on autopay. */
  activeLimitCents: number | null;
};

/** The practice's accounts with these account numbers (one query), by account number. */
export const findPracticeAccounts = async (
  practiceId: string,
  accountNumbers: readonly string[],
): Promise<Map<string, TPracticeAccount>> => {
  if (accountNumbers.length === 0) return new Map();
  const db = await getDb();
  const accounts = await db.account.findMany({
    where: { practiceId, accountNumber: { in: [...new Set(accountNumbers)] } },
    select: {
      id: true,
      accountNumber: true,
      guarantorLastName: true,
      autopay: { where: { status: "ACTIVE" }, select: { limitCents: true }, take: 1 },
    },
  });
  return new Map(
    accounts.map((a) => [
      a.accountNumber,
      {
        id: a.id,
        accountNumber: a.accountNumber,
        guarantorLastName: a.guarantorLastName,
        activeLimitCents: a.autopay[0]?.limitCents ?? null,
      },
    ]),
  );
};

const collator = new Intl.Collator("en-US", { sensitivity: "base", ignorePunctuation: true });
const tidy = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ");

/**
 * Whether a file's last name is the account's guarantor's (ours): ignoring case, accents,
 * punctuation and spaces, so "O'Neil-Díaz" is "ONEIL DIAZ" and "Van der Berg" "Vanderberg";
 * otherwise exact ("Smyth" is not "Smith", "Hale Jr" not "Hale").
 */
export const isSameLastName = (fromFile: string, onAccount: string) =>
  collator.compare(tidy(fromFile), tidy(onAccount)) === 0;

/** A group ID that is not the practice's client ID (an empty one means the practice's own). */
export const unknownClient = (field: number): TFileError => ({
  field,
  code: "UNKNOWN_CLIENT",
  reason: `Group ID (field ${field}) is not this practice's client ID.`,
});
