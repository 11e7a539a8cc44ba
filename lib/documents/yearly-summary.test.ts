import { describe, expect, it } from "vitest";
import { yearlySummaryFixture } from "@/lib/documents/fixtures";
import {
  parseSummaryYear,
  summaryTotals,
  yearBounds,
  yearlySummaryText,
} from "@/lib/documents/yearly-summary";

describe("the yearly summary's year", () => {
  it("takes a four-digit year in range only", () => {
    expect(parseSummaryYear("2026")).toBe(2026);
    for (const bad of ["26", "02026", "2026.0", " 2026", "1999", "3000", "abcd", ""]) {
      expect(parseSummaryYear(bad), bad).toBeNull();
    }
  });

  it("is the calendar year in the practice's zone: New Year's Eve at 11 pm in New York is still that year", () => {
    const { from, to } = yearBounds(2026, "America/New_York");
    expect(from.toISOString()).toBe("2026-01-01T05:00:00.000Z");
    expect(to.toISOString()).toBe("2027-01-01T05:00:00.000Z");
    expect(yearBounds(2026, "America/Los_Angeles").from.toISOString()).toBe("2026-01-01T08:00:00.000Z");
  });
});

describe("summaryTotals", () => {
  it("reconciles to the cent: payments − refunds and returns = net", () => {
    const payments = [12540, 89000, 1, 99999].map((amountCents, i) => ({
      ...yearlySummaryFixture().payments[0]!,
      receiptNumber: `R-${i}`,
      amountCents, // $125.40, $890.00, $0.01, $999.99
    }));
    const credits = [10001, 3].map((amountCents) => ({
      ...yearlySummaryFixture().credits[0]!,
      amountCents, // $100.01, $0.03
    }));
    const totals = summaryTotals({ payments, credits });
    expect(totals).toEqual({ paymentsCents: 201540, creditsCents: 10004, netCents: 191536 }); // $2,015.40 − $100.04 = $1,915.36
    expect(totals.paymentsCents - totals.creditsCents).toBe(totals.netCents);
    expect(Number.isInteger(totals.netCents)).toBe(true);
  });

  it("shows the totals as the PDF prints them, and says when the year had none", () => {
    const text = yearlySummaryText(yearlySummaryFixture(), "en-US");
    expect(text.totals).toEqual([
      ["Payments", "$1,015.40"],
      ["Refunds and returns", "-$100.01"],
      ["Net paid", "$915.39"],
    ]);
    expect(text.intro).toContain("from Jan 1, 2026 to Dec 31, 2026");
    expect(text.payments[1]).toEqual([
      "Nov 24, 2026",
      "R-20261124-CCCCCC",
      "Visa ••4242",
      "ST-1002, ST-1003",
      "$890.00",
    ]);
    const empty = yearlySummaryText(yearlySummaryFixture({ payments: [], credits: [], year: 2025 }), "en-US");
    expect(empty.noPayments).toBe("No payments in 2025.");
    expect(empty.noCredits).toBe("No refunds or returns in 2025.");
    expect(empty.totals).toEqual([
      ["Payments", "$0.00"],
      ["Refunds and returns", "$0.00"],
      ["Net paid", "$0.00"],
    ]);
  });
});
