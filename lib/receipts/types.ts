import type { PaymentStatus, RefundKind, RefundStatus } from "@/lib/generated/prisma/enums";
import type { TPaymentMethodFacts } from "@/lib/method-label";

/** Who is asking for a receipt. Each sees only the payments that are theirs to see. */
export type TReceiptViewer =
  /** A signed-in patient: payments on accounts linked to the login. */
  | { kind: "patient"; userId: string }
  /** A guest session: payments applied to the session's one statement. */
  | { kind: "guest"; statementId: string }
  /** Staff: any payment of their practice. */
  | { kind: "staff"; practiceId: string };

export type TReceiptPractice = {
  name: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  /** IANA zone: every instant on the receipt is shown in it. */
  timeZone: string;
};

export type TReceiptRefund = {
  id: string;
  kind: RefundKind;
  status: RefundStatus;
  amountCents: number;
  currency: string;
  reason: string;
  createdAt: Date;
};

/** What a receipt and a row of the payment history both say of a payment. */
export type TPaymentSummary = {
  paymentId: string;
  receiptNumber: string;
  createdAt: Date;
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  currency: string;
  declineCode: string | null;
  method: TPaymentMethodFacts;
};

/** Everything a receipt says, unformatted (amounts in cents, instants as Dates). */
export type TReceipt = TPaymentSummary & {
  authorizationCode: string | null;
  practice: TReceiptPractice;
  account: { id: string; accountNumber: string; guarantorName: string };
  /** The patients on the statements paid, each once. */
  patientNames: string[];
  allocations: { statementNumber: string; amountCents: number }[];
  refunds: TReceiptRefund[];
};

/** One row of a patient's payment history. */
export type TPaymentHistoryItem = TPaymentSummary & {
  accountNumber: string;
  timeZone: string;
};
