import type { TReceipt } from "@/lib/receipts/types";

/** A receipt DTO for tests of the formatting, the PDF and the email (no database). */
export const receiptFixture = (overrides: Partial<TReceipt> = {}): TReceipt => ({
  paymentId: "pay_test_1",
  receiptNumber: "R-20261124-7K3QX9",
  createdAt: new Date("2026-11-24T20:45:00Z"), // 3:45 PM in New York
  status: "CAPTURED",
  amountCents: 22540, // $225.40
  refundedCents: 0,
  currency: "USD",
  authorizationCode: "A1B2C3",
  declineCode: null,
  method: { kind: "CARD", brand: "visa", last4: "4242" },
  practice: {
    name: "Riverside Family Medicine",
    address1: "1200 Walnut Street",
    address2: null,
    city: "Philadelphia",
    state: "PA",
    zip: "19107",
    phone: "(215) 555-0142",
    timeZone: "America/New_York",
  },
  account: { id: "acc_1", accountNumber: "A-1001", guarantorName: "Pat Rivera" },
  patientNames: ["Pat Rivera"],
  allocations: [
    { statementNumber: "ST-1001", amountCents: 12540 }, // $125.40
    { statementNumber: "ST-1002", amountCents: 10000 }, // $100.00
  ],
  refunds: [],
  ...overrides,
});
