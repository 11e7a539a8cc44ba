import type { TDocumentPractice, TItemizedStatement, TYearlySummary } from "@/lib/documents/types";

/** Documents' DTOs for tests of their text and PDFs (no database). */
export const practiceFixture = (): TDocumentPractice => ({
  name: "Riverside Family Medicine",
  address1: "1200 Walnut Street",
  address2: null,
  city: "Philadelphia",
  state: "PA",
  zip: "19107",
  phone: "(215) 555-0142",
  npi: "1234567893",
  timeZone: "America/New_York",
});

export const itemizedStatementFixture = (
  overrides: Partial<TItemizedStatement> = {},
): TItemizedStatement => ({
  practice: practiceFixture(),
  statementNumber: "ST-1001",
  statementDate: new Date("2026-10-01T00:00:00Z"),
  dueDate: new Date("2026-10-31T00:00:00Z"),
  currency: "USD",
  providerName: "Dr. Ana Ortiz",
  account: { accountNumber: "A-1001", guarantorName: "Pat Rivera" },
  patientName: "Pat Rivera",
  lines: [
    {
      lineNumber: 1,
      serviceDate: new Date("2026-09-03T00:00:00Z"),
      description: "Office visit",
      procedureCode: "99214",
      chargeCents: 24500, // $245.00
      insurancePaidCents: 16000, // $160.00
      adjustmentCents: 4000, // $40.00
      patientRespCents: 4500, // $45.00
    },
    {
      lineNumber: 2,
      serviceDate: new Date("2026-09-17T00:00:00Z"),
      description: "Influenza vaccine",
      procedureCode: "90686",
      chargeCents: 9500, // $95.00
      insurancePaidCents: 3000, // $30.00
      adjustmentCents: 1500, // $15.00
      patientRespCents: 5000, // $50.00
    },
  ],
  totalChargesCents: 34000, // $340.00
  insurancePaidCents: 19000, // $190.00
  adjustmentsCents: 5500, // $55.00
  amountDueCents: 9500, // $95.00
  balanceCents: 5500, // $55.00
  payments: [
    {
      receiptNumber: "R-20261105-AAAAAA",
      paidAt: new Date("2026-11-05T15:00:00Z"),
      method: { kind: "CARD", brand: "visa", last4: "4242" },
      amountCents: 6000, // $60.00
      isProcessing: false,
    },
  ],
  credits: [
    {
      receiptNumber: "R-20261105-AAAAAA",
      at: new Date("2026-11-20T15:00:00Z"),
      kind: "REFUND",
      amountCents: 2000, // $20.00
    },
  ],
  ...overrides,
});

export const yearlySummaryFixture = (overrides: Partial<TYearlySummary> = {}): TYearlySummary => ({
  practice: practiceFixture(),
  account: { accountNumber: "A-1001", guarantorName: "Pat Rivera" },
  year: 2026,
  currency: "USD",
  payments: [
    {
      receiptNumber: "R-20260115-BBBBBB",
      paidAt: new Date("2026-01-15T17:00:00Z"),
      method: { kind: "ACH", brand: "Chase", last4: "6789" },
      amountCents: 12540, // $125.40
      statementNumbers: ["ST-1001"],
    },
    {
      receiptNumber: "R-20261124-CCCCCC",
      paidAt: new Date("2026-11-24T20:45:00Z"),
      method: { kind: "CARD", brand: "visa", last4: "4242" },
      amountCents: 89000, // $890.00
      statementNumbers: ["ST-1002", "ST-1003"],
    },
  ],
  credits: [
    {
      receiptNumber: "R-20261124-CCCCCC",
      at: new Date("2026-12-01T14:00:00Z"),
      kind: "REFUND",
      amountCents: 10001, // $100.01
    },
  ],
  ...overrides,
});
