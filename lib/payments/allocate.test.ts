import { describe, expect, it } from "vitest";
import { allocatePayment } from "@/lib/payments/allocate";

const statements = [
  { id: "old", statementNumber: "S-1", balanceCents: 3000 },
  { id: "paid", statementNumber: "S-2", balanceCents: 0 },
  { id: "new", statementNumber: "S-3", balanceCents: 5000 },
];

describe("allocatePayment", () => {
  it("pays the oldest statement first and carries the rest to the next that owes", () => {
    expect(allocatePayment({ amountCents: 4500, statements })).toEqual({
      ok: true,
      allocations: [
        { statementId: "old", amountCents: 3000 },
        { statementId: "new", amountCents: 1500 },
      ],
    });
    expect(allocatePayment({ amountCents: 2999, statements })).toEqual({
      ok: true,
      allocations: [{ statementId: "old", amountCents: 2999 }],
    });
  });

  it("pays exactly what is owed, and refuses a cent more", () => {
    expect(allocatePayment({ amountCents: 8000, statements })).toMatchObject({ ok: true });
    expect(allocatePayment({ amountCents: 8001, statements })).toEqual({
      ok: false,
      reason: "EXCEEDS_BALANCE",
    });
    expect(allocatePayment({ amountCents: 1, statements: [] })).toEqual({
      ok: false,
      reason: "EXCEEDS_BALANCE",
    });
  });

  it("puts all of it on a named statement, within its balance", () => {
    expect(allocatePayment({ amountCents: 5000, statements, statementNumber: "S-3" })).toEqual({
      ok: true,
      allocations: [{ statementId: "new", amountCents: 5000 }],
    });
    expect(allocatePayment({ amountCents: 3001, statements, statementNumber: "S-1" })).toEqual({
      ok: false,
      reason: "EXCEEDS_BALANCE",
    });
    expect(allocatePayment({ amountCents: 100, statements, statementNumber: "S-9" })).toEqual({
      ok: false,
      reason: "UNKNOWN_STATEMENT",
    });
  });

  it("refuses an amount that is not whole, positive cents", () => {
    expect(() => allocatePayment({ amountCents: 0, statements })).toThrow(RangeError);
    expect(() => allocatePayment({ amountCents: 10.5, statements })).toThrow(RangeError);
  });
});
