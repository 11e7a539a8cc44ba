/** The kinds of file staff may upload and how the console names them (pure: pages import it). */

export const IMPORT_KINDS = ["BALANCE", "AUTOPAY_ENROLL", "AUTOPAY_UNENROLL", "PAYMENT_IMPORT"] as const;
export type TImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (value: unknown): value is TImportKind =>
  typeof value === "string" && (IMPORT_KINDS as readonly string[]).includes(value);

export const IMPORT_KIND_INFO: Record<
  TImportKind,
  { name: string; records: string; hint: string; ackId: string | null }
> = {
  BALANCE: {
    name: "Balance file",
    records: "IMPSCIF",
    hint: "Each row creates or updates a statement.",
    ackId: "IMIFACK",
  },
  AUTOPAY_ENROLL: {
    name: "Autopay enrolment",
    records: "APCH, APCD",
    hint: "Each row puts an account on autopay with a bank account (Y) or takes it off (N). The bank numbers go to the payment gateway's vault; the portal keeps only the last 4.",
    ackId: "APCACK",
  },
  AUTOPAY_UNENROLL: {
    name: "Autopay unenrolment",
    records: "APCTERMHDR, APCTERMDTL, APCTERMTRL",
    hint: "Each row takes an account off autopay. This layout has no acknowledgement file: the results are on the import's page.",
    ackId: null,
  },
  PAYMENT_IMPORT: {
    name: "Payment transactions",
    records: "IMPTI10",
    hint: "Each row records a payment taken outside the portal (cash, a check, a card on another terminal) against the account's statements. Send only the last 4 digits of a card: a row with a full card number is rejected and the number is not kept.",
    ackId: "IMIA10",
  },
};

/** "Autopay enrolment", or the stored kind as it is for a kind the console does not upload. */
export const importKindName = (kind: string) =>
  isImportKind(kind) ? IMPORT_KIND_INFO[kind].name : kind.toLowerCase().replace(/_/g, " ");
