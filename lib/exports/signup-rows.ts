import { addDays, startOfDayInZone, toIsoDay } from "@/lib/dates";
import {
  signupBankAccountType,
  signupCardTypeForBrand,
  SIGNUP_RECORD_ID,
  type TSignupRow,
} from "@/lib/files/signup-file";

/**
 * The pure half of the autopay sign-up file (IMPSPO) export: which rows a file has is the
 * database's work (lib/exports/signup-file.ts); what each account's row says, what the file is
 * called and which window of changes a delta covers is decided here (docs/files.md).
 */

export type TSignupFileMode = "FULL" | "DELTA";

/** One account's autopay as read from the database: its current (or latest) enrolment. */
export type TSignupSource = {
  accountNumber: string;
  guarantorFirstName: string;
  guarantorLastName: string;
  guarantorDob: Date | null;
  /** The enrolling patient's login email, else the account's. */
  email: string | null;
  /** The portal's id of the patient login that enrolled; null for an enrolment without one. */
  payerId: string | null;
  status: "ACTIVE" | "CANCELLED";
  limitCents: number;
  methodKind: "CARD" | "ACH" | "APPLE_PAY" | "GOOGLE_PAY";
  brand: string | null;
  last4: string | null;
  bankAccountType: "CHECKING" | "SAVINGS" | "BUSINESS" | null;
  /** The day (practice's zone) the account went on autopay, or came off it. */
  statusDate: Date;
  /** The next scheduled autopay charge, if any. */
  draftDate: Date | null;
};

/** A file is written after a change has had this long to commit (see deltaWindowEnd). */
export const SIGNUP_DELTA_SETTLE_MS = 2 * 60_000;

const last4Of = (value: string | null) => (value !== null && /^\d{4}$/.test(value) ? value : null);

/**
 * An account's row. Enrolled: its method (a bank account is `eCheck`, anything else a card,
 * `CC`), limit and next draft. Not enrolled: the method, limit and draft fields are empty: the
 * old authorisation no longer lets anyone charge that method.
 */
export const toSignupRow = (source: TSignupSource, clientId: string): TSignupRow => {
  const base = {
    memberId: source.accountNumber,
    clientId,
    lastName: source.guarantorLastName,
    firstName: source.guarantorFirstName,
    middleName: null,
    dob: source.guarantorDob,
    email: source.email,
    payerId: source.payerId,
    statusDate: source.statusDate,
  };
  if (source.status !== "ACTIVE") {
    return {
      ...base,
      isEnrolled: false,
      paymentType: null,
      cardType: null,
      bankAccountType: null,
      cardLast4: null,
      bankLast4: null,
      draftDate: null,
      autopayLimitCents: null,
    };
  }
  const enrolled = {
    ...base,
    isEnrolled: true,
    draftDate: source.draftDate,
    autopayLimitCents: source.limitCents,
  };
  if (source.methodKind === "ACH") {
    return {
      ...enrolled,
      paymentType: "eCheck",
      cardType: null,
      bankAccountType: source.bankAccountType ? signupBankAccountType(source.bankAccountType) : null,
      cardLast4: null,
      bankLast4: last4Of(source.last4),
    };
  }
  return {
    ...enrolled,
    paymentType: "CC",
    cardType: signupCardTypeForBrand(source.brand),
    bankAccountType: null,
    cardLast4: last4Of(source.last4),
    bankLast4: null,
  };
};

/** `IMPSPO_<ClientID>_<CCYYMMDD>_<FULL|DELTA>.txt`; characters other than letters, digits and `-` in the client ID become `-`. */
export const signupFileName = ({
  clientId,
  businessDay,
  mode,
}: {
  clientId: string;
  businessDay: Date;
  mode: TSignupFileMode;
}) =>
  `${SIGNUP_RECORD_ID}_${clientId.replace(/[^A-Za-z0-9-]/g, "-")}_${toIsoDay(businessDay).replaceAll("-", "")}_${mode}.txt`;

/**
 * Where a delta for `businessDay` stops: the end of that day in the practice's zone, or, for a
 * file made during the day, a moment ago. Changes newer than SIGNUP_DELTA_SETTLE_MS may belong
 * to a transaction that has not committed yet (their time is taken before they commit); they
 * go into the next file instead of being missed by this one. Never before `windowStart`.
 */
export const deltaWindowEnd = ({
  businessDay,
  timeZone,
  now,
  windowStart,
}: {
  businessDay: Date;
  timeZone: string;
  now: Date;
  windowStart: Date | null;
}) => {
  const endOfDay = startOfDayInZone(addDays(businessDay, 1), timeZone).getTime();
  const settled = now.getTime() - SIGNUP_DELTA_SETTLE_MS;
  return new Date(Math.max(Math.min(endOfDay, settled), windowStart?.getTime() ?? -Infinity));
};
