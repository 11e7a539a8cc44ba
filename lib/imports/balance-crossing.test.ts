import { describe, expect, it } from "vitest";
import { crossingCredits, type TCrossingRow } from "@/lib/imports/balance-crossing";

const T = new Date("2026-11-24T18:00:00Z");
const MINUTE = 60_000;

/** The rows the query gives for a payment: one per (statement written, allocation of the payment). */
const payment = (
  id: string,
  fields: Partial<Omit<TCrossingRow, "statementId" | "allocationStatementId" | "allocationCents">>,
  allocations: [string, number][],
  written: string[] = allocations.map(([s]) => s),
): TCrossingRow[] =>
  written.flatMap((statementId) =>
    allocations.map(([allocationStatementId, allocationCents]) => ({
      statementId,
      paymentId: id,
      status: "CAPTURED",
      amountCents: allocations.reduce((sum, [, c]) => sum + c, 0),
      refundedCents: 0,
      createdAt: new Date(T.getTime() + MINUTE),
      postedBefore: false,
      allocationStatementId,
      allocationCents,
      ...fields,
    })),
  );

describe("crossingCredits", () => {
  it("credits a payment taken after the file's time, on each statement it pays", () => {
    const rows = payment("p1", {}, [
      ["s1", 3000],
      ["s2", 2000],
    ]);
    expect(Object.fromEntries(crossingCredits({ rows, asOf: T, firstPostingAt: null }))).toEqual({
      s1: 3000,
      s2: 2000,
    });
  });

  it("takes refunds off the last allocation first, as the ledger gives them back", () => {
    // $25.00 of $50.00 refunded: $20.00 from s2 (all of it), then $5.00 from s1.
    const rows = payment("p1", { refundedCents: 2500 }, [
      ["s1", 3000],
      ["s2", 2000],
    ]);
    expect(Object.fromEntries(crossingCredits({ rows, asOf: T, firstPostingAt: null }))).toEqual({
      s1: 2500,
    });
  });

  it("credits only the statements being written, from their share of the payment", () => {
    const rows = payment(
      "p1",
      {},
      [
        ["s1", 3000],
        ["s2", 2000],
      ],
      ["s2"],
    );
    expect(Object.fromEntries(crossingCredits({ rows, asOf: T, firstPostingAt: null }))).toEqual({
      s2: 2000,
    });
  });

  it("credits nothing for a payment that holds no money, was posted by then, or is older than the window", () => {
    const rows = [
      ...payment("voided", { status: "VOIDED" }, [["s1", 1000]]),
      ...payment("returned", { status: "RETURNED" }, [["s1", 1000]]),
      ...payment("refunded", { status: "REFUNDED", refundedCents: 1000 }, [["s1", 1000]]),
      ...payment("posted", { postedBefore: true }, [["s1", 1000]]),
      ...payment("old", { createdAt: new Date(T.getTime() - 31 * 24 * 60 * MINUTE) }, [["s1", 1000]]),
    ];
    const firstPostingAt = new Date(T.getTime() - 60 * 24 * 60 * MINUTE);
    expect(crossingCredits({ rows, asOf: T, firstPostingAt }).size).toBe(0);
  });

  it("credits a payment taken before the file only while the practice posts electronically", () => {
    const before = payment("p1", { createdAt: new Date(T.getTime() - 10 * MINUTE) }, [["s1", 1000]]);
    const credit = (firstPostingAt: Date | null) =>
      crossingCredits({ rows: before, asOf: T, firstPostingAt }).get("s1") ?? 0;
    expect(credit(null)).toBe(0); // posts by hand
    expect(credit(new Date(T.getTime() - 60 * MINUTE))).toBe(1000); // posting electronically by then
    expect(credit(new Date(T.getTime() - 5 * MINUTE))).toBe(0); // taken before the first posting
    expect(credit(new Date(T.getTime() + 5 * MINUTE))).toBe(0); // the first posting came after the file
  });
});
