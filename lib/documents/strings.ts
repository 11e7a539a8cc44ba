import type { TDocumentLocale } from "@/lib/documents/locale";

/**
 * The patient documents' words (the itemized statement and the yearly payment summary), one
 * object per language, keyed by the document's locale (lib/documents/locale.ts). Spanish follows
 * docs/glossary.md. Money and dates are formatted before they reach these, in the same locale.
 */

const itemizedEn = {
  documentTitle: (statementNumber: string) => `Itemized statement ${statementNumber}`,
  subject: "Itemized statement: services, procedure codes, insurance, adjustments and payments",
  title: "Itemized statement",
  statementNumber: "Statement number",
  statementDate: "Statement date",
  dueDate: "Due date",
  onReceipt: "On receipt",
  account: "Account",
  guarantor: "Guarantor",
  patient: "Patient",
  provider: "Provider",
  npi: "Practice NPI",
  services: "Services",
  columns: [
    "Date of service",
    "Description",
    "Code",
    "Charge",
    "Insurance paid",
    "Adjustment",
    "Patient owes",
  ],
  noLines:
    "The practice has not sent the service lines of this statement. Ask the billing office for an itemized bill.",
  summary: "Summary",
  totalCharges: "Total charges",
  insurancePaid: "Insurance paid",
  adjustments: "Adjustments",
  patientResponsibility: "Patient responsibility",
  paymentsReceived: "Payments",
  creditsGiven: "Refunds and returns",
  otherChanges: "Other changes by the practice",
  balance: "Balance now",
  payments: "Payments and refunds",
  paymentColumns: ["Date", "Receipt", "Details", "Amount"],
  payment: (method: string) => `Payment: ${method}`,
  processing: (method: string) => `Payment: ${method} (processing)`,
  refund: "Refund",
  returned: "Returned by the bank",
  noPayments: "No payments have been made on this statement.",
  footer: (practice: string, phone: string | null) =>
    `This itemized statement lists the services, procedure codes, insurance payments, adjustments and payments of one statement, for your records and for claims to a health savings account (HSA) or flexible spending account (FSA). Questions? Contact ${practice}${phone ? ` at ${phone}` : ""}.`,
};

export type TItemizedStatementStrings = typeof itemizedEn;

const itemizedEs: TItemizedStatementStrings = {
  documentTitle: (statementNumber) => `Estado de cuenta detallado ${statementNumber}`,
  subject: "Estado de cuenta detallado: servicios, códigos de procedimiento, seguro, ajustes y pagos",
  title: "Estado de cuenta detallado",
  statementNumber: "Número de estado de cuenta",
  statementDate: "Fecha del estado de cuenta",
  dueDate: "Fecha de vencimiento",
  onReceipt: "Al recibirlo",
  account: "Cuenta",
  guarantor: "Garante",
  patient: "Paciente",
  provider: "Proveedor",
  npi: "NPI del consultorio",
  services: "Servicios",
  columns: [
    "Fecha del servicio",
    "Descripción",
    "Código",
    "Cargo",
    "Pagado por el seguro",
    "Ajuste",
    "Debe el paciente",
  ],
  noLines:
    "El consultorio no ha enviado las líneas de servicio de este estado de cuenta. Pida una factura detallada a la oficina de facturación.",
  summary: "Resumen",
  totalCharges: "Total de cargos",
  insurancePaid: "Pagado por el seguro",
  adjustments: "Ajustes",
  patientResponsibility: "Responsabilidad del paciente",
  paymentsReceived: "Pagos",
  creditsGiven: "Reembolsos y devoluciones",
  otherChanges: "Otros cambios del consultorio",
  balance: "Saldo actual",
  payments: "Pagos y reembolsos",
  paymentColumns: ["Fecha", "Recibo", "Detalles", "Monto"],
  payment: (method) => `Pago: ${method}`,
  processing: (method) => `Pago: ${method} (en proceso)`,
  refund: "Reembolso",
  returned: "Devuelto por el banco",
  noPayments: "No se han hecho pagos de este estado de cuenta.",
  footer: (practice, phone) =>
    `Este estado de cuenta detallado indica los servicios, códigos de procedimiento, pagos del seguro, ajustes y pagos de un estado de cuenta, para sus registros y para reclamos a una cuenta de ahorros para la salud (HSA) o una cuenta de gastos flexibles (FSA). ¿Tiene preguntas? Comuníquese con ${practice}${phone ? ` al ${phone}` : ""}.`,
};

export const ITEMIZED_STATEMENT_STRINGS: Record<TDocumentLocale, TItemizedStatementStrings> = {
  "en-US": itemizedEn,
  "es-US": itemizedEs,
};

const yearlyEn = {
  documentTitle: (year: number, accountNumber: string) => `Payment summary ${year}, account ${accountNumber}`,
  subject: "Yearly summary of payments and refunds",
  title: (year: number) => `Payment summary for ${year}`,
  intro: (from: string, to: string) =>
    `Payments and refunds from ${from} to ${to}, by the date they were made (the practice's time zone).`,
  account: "Account",
  guarantor: "Guarantor",
  year: "Year",
  npi: "Practice NPI",
  payments: "Payments",
  paymentColumns: ["Date", "Receipt", "Paid with", "Statements", "Amount"],
  noPayments: (year: number) => `No payments in ${year}.`,
  credits: "Refunds and returns",
  creditColumns: ["Date", "Receipt", "Details", "Amount"],
  refund: "Refund",
  returned: "Returned by the bank",
  noCredits: (year: number) => `No refunds or returns in ${year}.`,
  totals: "Totals",
  totalPayments: "Payments",
  totalCredits: "Refunds and returns",
  net: "Net paid",
  note: "Declined or failed attempts and voided payments took no money and are not listed. A payment still being processed is listed once it is approved. A refund is listed in the year it was made, whichever year the payment was.",
  footer: (practice: string, phone: string | null) =>
    `Keep this summary for your records, for example for a health savings account (HSA), a flexible spending account (FSA) or your taxes. Questions? Contact ${practice}${phone ? ` at ${phone}` : ""}.`,
};

export type TYearlySummaryStrings = typeof yearlyEn;

const yearlyEs: TYearlySummaryStrings = {
  documentTitle: (year, accountNumber) => `Resumen de pagos ${year}, cuenta ${accountNumber}`,
  subject: "Resumen anual de pagos y reembolsos",
  title: (year) => `Resumen de pagos de ${year}`,
  intro: (from, to) =>
    `Pagos y reembolsos del ${from} al ${to}, según la fecha en que se hicieron (en la zona horaria del consultorio).`,
  account: "Cuenta",
  guarantor: "Garante",
  year: "Año",
  npi: "NPI del consultorio",
  payments: "Pagos",
  paymentColumns: ["Fecha", "Recibo", "Forma de pago", "Estados de cuenta", "Monto"],
  noPayments: (year) => `No hubo pagos en ${year}.`,
  credits: "Reembolsos y devoluciones",
  creditColumns: ["Fecha", "Recibo", "Detalles", "Monto"],
  refund: "Reembolso",
  returned: "Devuelto por el banco",
  noCredits: (year) => `No hubo reembolsos ni devoluciones en ${year}.`,
  totals: "Totales",
  totalPayments: "Pagos",
  totalCredits: "Reembolsos y devoluciones",
  net: "Total neto pagado",
  note: "Los intentos rechazados o fallidos y los pagos anulados no cobraron dinero y no aparecen aquí. Un pago que todavía está en proceso aparece una vez aprobado. Un reembolso aparece en el año en que se hizo, sea cual sea el año del pago.",
  footer: (practice, phone) =>
    `Conserve este resumen para sus registros, por ejemplo para una cuenta de ahorros para la salud (HSA), una cuenta de gastos flexibles (FSA) o sus impuestos. ¿Tiene preguntas? Comuníquese con ${practice}${phone ? ` al ${phone}` : ""}.`,
};

export const YEARLY_SUMMARY_STRINGS: Record<TDocumentLocale, TYearlySummaryStrings> = {
  "en-US": yearlyEn,
  "es-US": yearlyEs,
};
