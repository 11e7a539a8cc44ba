import type { TLocale } from "@/lib/locale";

/**
 * The receipt's words outside React (the PDF, the email, the status line every surface shares),
 * one object per language; the page's own labels are in messages/<locale>.json ("Receipt").
 * Spanish follows docs/glossary.md.
 */
export type TReceiptStrings = {
  title: string;
  /** The PDF's document title. */
  documentTitle: (receiptNumber: string) => string;
  status: {
    processing: { label: string; headline: string; detail: string };
    approved: { label: string };
    voided: { label: string; detail: string };
    refunded: { label: string; headline: (amount: string) => string; detail: string };
    partiallyRefunded: { label: string; detail: (refunded: string, amount: string) => string };
    returned: { label: string; headline: string; detail: string };
    declined: { label: string; notCharged: string };
    failed: { label: string; detail: string };
  };
  facts: {
    receiptNumber: string;
    dateTime: string;
    status: string;
    amount: string;
    paidWith: string;
    authorizationCode: string;
    account: string;
    guarantor: string;
    patient: string;
    patients: string;
    refunded: string;
  };
  statusLine: (label: string) => string;
  statementsPaid: string;
  statement: (number: string) => string;
  total: string;
  refundsAndVoids: string;
  reason: (reason: string) => string;
  refundKind: { void: string; refund: string };
  refundStatus: { succeeded: string; pending: string; failed: string };
  footer: (p: { practice: string; phone: string | null; receiptNumber: string }) => string;
  /** The receipt email (lib/receipts/receipt-email.ts). */
  email: {
    subject: (p: { receiptNumber: string; practice: string }) => string;
    thanks: (practice: string) => string;
    statementsPaid: string;
    seeOnlineLead: string;
    seeOnlineLabel: string;
    signInAfter: string;
    lookUpLead: string;
    lookUpLabel: string;
    questions: string;
  };
};

const en: TReceiptStrings = {
  title: "Payment receipt",
  documentTitle: (n) => `Receipt ${n}`,
  status: {
    processing: {
      label: "Processing",
      headline: "Processing — we'll update this page",
      detail: "The payment processor hasn't confirmed this payment yet. Please don't pay again.",
    },
    approved: { label: "Approved" },
    voided: {
      label: "Voided",
      detail: "This payment was cancelled before it was processed, so you were not charged.",
    },
    refunded: {
      label: "Refunded",
      headline: (amount) => `Refunded ${amount}`,
      detail: "The full amount was returned to your payment method.",
    },
    partiallyRefunded: {
      label: "Partially refunded",
      detail: (refunded, amount) => `Refunded ${refunded} of ${amount}.`,
    },
    returned: {
      label: "Returned",
      headline: "Returned by your bank",
      detail: "Your bank sent this payment back, so the amount is owed again.",
    },
    declined: { label: "Declined", notCharged: "You were not charged." },
    failed: { label: "Failed", detail: "The payment could not be completed, and nothing was charged." },
  },
  facts: {
    receiptNumber: "Receipt number",
    dateTime: "Date and time",
    status: "Status",
    amount: "Amount",
    paidWith: "Paid with",
    authorizationCode: "Authorization code",
    account: "Account",
    guarantor: "Guarantor",
    patient: "Patient",
    patients: "Patients",
    refunded: "Refunded",
  },
  statusLine: (label) => `Status: ${label}`,
  statementsPaid: "Statements paid",
  statement: (number) => `Statement ${number}`,
  total: "Total",
  refundsAndVoids: "Refunds and voids",
  reason: (reason) => `Reason: ${reason}`,
  refundKind: { void: "Void", refund: "Refund" },
  refundStatus: { succeeded: "Completed", pending: "Processing", failed: "Failed" },
  footer: ({ practice, phone, receiptNumber }) =>
    `Keep this receipt for your records. Questions about this payment? Contact ${practice}${
      phone ? ` at ${phone}` : ""
    } and quote receipt ${receiptNumber}.`,
  email: {
    subject: ({ receiptNumber, practice }) => `Your payment receipt ${receiptNumber} from ${practice}`,
    thanks: (practice) => `Thank you for your payment to ${practice}.`,
    statementsPaid: "Statements paid:",
    seeOnlineLead: "See this receipt online, or download it as a PDF:",
    seeOnlineLabel: "See your receipt",
    signInAfter: "You'll be asked to sign in.",
    lookUpLead: "To open it, look up your statement again first:",
    lookUpLabel: "Look up your statement",
    questions: "Questions about this payment? Contact us and quote the receipt number.",
  },
};

const es: TReceiptStrings = {
  title: "Recibo de pago",
  documentTitle: (n) => `Recibo ${n}`,
  status: {
    processing: {
      label: "En proceso",
      headline: "En proceso: actualizaremos esta página",
      detail: "El procesador de pagos aún no ha confirmado este pago. Por favor, no pague de nuevo.",
    },
    approved: { label: "Aprobado" },
    voided: {
      label: "Anulado",
      detail: "Este pago se canceló antes de procesarse, así que no se le cobró nada.",
    },
    refunded: {
      label: "Reembolsado",
      headline: (amount) => `Se reembolsaron ${amount}`,
      detail: "Se devolvió el monto total a su forma de pago.",
    },
    partiallyRefunded: {
      label: "Reembolsado en parte",
      detail: (refunded, amount) => `Se reembolsaron ${refunded} de ${amount}.`,
    },
    returned: {
      label: "Devuelto",
      headline: "Devuelto por su banco",
      detail: "Su banco devolvió este pago, así que vuelve a adeudar el monto.",
    },
    declined: { label: "Rechazado", notCharged: "No se le cobró nada." },
    failed: { label: "Fallido", detail: "No se pudo completar el pago y no se cobró nada." },
  },
  facts: {
    receiptNumber: "Número de recibo",
    dateTime: "Fecha y hora",
    status: "Estado",
    amount: "Monto",
    paidWith: "Forma de pago",
    authorizationCode: "Código de autorización",
    account: "Cuenta",
    guarantor: "Garante",
    patient: "Paciente",
    patients: "Pacientes",
    refunded: "Reembolsado",
  },
  statusLine: (label) => `Estado: ${label}`,
  statementsPaid: "Estados de cuenta pagados",
  statement: (number) => `Estado de cuenta ${number}`,
  total: "Total",
  refundsAndVoids: "Reembolsos y anulaciones",
  reason: (reason) => `Motivo: ${reason}`,
  refundKind: { void: "Anulación", refund: "Reembolso" },
  refundStatus: { succeeded: "Completado", pending: "En proceso", failed: "Fallido" },
  footer: ({ practice, phone, receiptNumber }) =>
    `Conserve este recibo para sus registros. ¿Tiene preguntas sobre este pago? Comuníquese con ${practice}${
      phone ? ` al ${phone}` : ""
    } e indique el número de recibo ${receiptNumber}.`,
  email: {
    subject: ({ receiptNumber, practice }) => `Su recibo de pago ${receiptNumber} de ${practice}`,
    thanks: (practice) => `Gracias por su pago a ${practice}.`,
    statementsPaid: "Estados de cuenta pagados:",
    seeOnlineLead: "Vea este recibo en línea o descárguelo en PDF:",
    seeOnlineLabel: "Ver su recibo",
    signInAfter: "Se le pedirá que inicie sesión.",
    lookUpLead: "Para abrirlo, primero vuelva a buscar su estado de cuenta:",
    lookUpLabel: "Buscar su estado de cuenta",
    questions: "¿Tiene preguntas sobre este pago? Comuníquese con nosotros e indique el número de recibo.",
  },
};

export const RECEIPT_STRINGS: Record<TLocale, TReceiptStrings> = { en, es };
