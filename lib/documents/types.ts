import type { TPaymentMethodFacts } from "@/lib/method-label";

/** The practice as the patient documents name it (header and footer). */
export type TDocumentPractice = {
  name: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  npi: string | null;
  /** IANA zone: every instant in a document (a payment's time, a year's bounds) is read in it. */
  timeZone: string;
};

/** Money going back to the patient: a refund, or a bank's return of the payment (ACH return, chargeback). */
export type TCreditKind = "REFUND" | "RETURN";

/** One service line of a statement, as the practice sent it. */
export type TItemizedLine = {
  lineNumber: number;
  /** A calendar day (UTC midnight). */
  serviceDate: Date;
  description: string;
  /** CPT/HCPCS code. */
  procedureCode: string | null;
  chargeCents: number;
  insurancePaidCents: number;
  adjustmentCents: number;
  patientRespCents: number;
};

/** A completed payment's part applied to one statement. */
export type TItemizedPayment = {
  receiptNumber: string;
  paidAt: Date;
  method: TPaymentMethodFacts;
  amountCents: number;
  /** Not approved yet: its outcome may still give the money back. */
  isProcessing: boolean;
};

/** The part of a refund or a return that went back to one statement. */
export type TItemizedCredit = {
  receiptNumber: string;
  at: Date;
  kind: TCreditKind;
  amountCents: number;
};

/** Everything the itemized statement says, unformatted (cents, Dates). */
export type TItemizedStatement = {
  practice: TDocumentPractice;
  statementNumber: string;
  /** Calendar days (UTC midnight). */
  statementDate: Date;
  dueDate: Date | null;
  currency: string;
  providerName: string | null;
  account: { accountNumber: string; guarantorName: string };
  patientName: string;
  lines: TItemizedLine[];
  totalChargesCents: number;
  insurancePaidCents: number;
  adjustmentsCents: number;
  /** Patient responsibility when the statement was issued. */
  amountDueCents: number;
  /** What the patient owes now. */
  balanceCents: number;
  /** Oldest first. */
  payments: TItemizedPayment[];
  /** Oldest first. */
  credits: TItemizedCredit[];
};

/** A completed payment in a yearly summary: the whole payment, whichever statements it paid. */
export type TSummaryPayment = {
  receiptNumber: string;
  paidAt: Date;
  method: TPaymentMethodFacts;
  amountCents: number;
  statementNumbers: string[];
};

/** A refund or return in a yearly summary (of a payment of this year or an earlier one). */
export type TSummaryCredit = {
  receiptNumber: string;
  at: Date;
  kind: TCreditKind;
  amountCents: number;
};

/** Everything the yearly payment summary says, unformatted. */
export type TYearlySummary = {
  practice: TDocumentPractice;
  account: { accountNumber: string; guarantorName: string };
  year: number;
  currency: string;
  /** Oldest first. */
  payments: TSummaryPayment[];
  /** Oldest first. */
  credits: TSummaryCredit[];
};
