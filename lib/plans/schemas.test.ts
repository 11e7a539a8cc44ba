import { describe, expect, it } from "vitest";
import { parseIsoDay, toIsoDay } from "@/lib/dates";
import { planFromForm, ZCreatePlanInput, ZPlanTermsInput } from "@/lib/plans/schemas";
import { planFieldErrors } from "@/lib/plans/schedule";

const today = parseIsoDay("2026-03-01")!;

const form = (overrides: Record<string, unknown> = {}) => ({
  statementIds: ["st_1002"],
  downPayment: "",
  sizeBy: "amount",
  installmentAmount: "100.00",
  installmentCount: "",
  frequency: "MONTHLY",
  dayOfMonth: "",
  startDate: "2026-03-01",
  ...overrides,
});

const fieldErrors = (input: unknown) => {
  const r = ZPlanTermsInput.safeParse(input);
  if (r.success) throw new Error("expected errors");
  return Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("ZPlanTermsInput", () => {
  it("reads strings as typed into cents, counts and calendar days", () => {
    const terms = ZPlanTermsInput.parse(
      form({ downPayment: "$90", installmentAmount: "1,000.5", dayOfMonth: "31" }),
    );
    expect(terms).toEqual({
      statementIds: ["st_1002"],
      downPaymentCents: 9000, // $90.00
      sizing: { by: "amount", installmentCents: 100050 }, // $1,000.50
      frequency: "MONTHLY",
      dayOfMonth: 31,
      startDate: parseIsoDay("2026-03-01"),
    });
  });

  it("reads a count, and ignores the field of the other mode and the day unless monthly", () => {
    const terms = ZPlanTermsInput.parse(
      form({
        sizeBy: "count",
        installmentCount: " 12 ",
        installmentAmount: "junk",
        frequency: "WEEKLY",
        dayOfMonth: "40",
      }),
    );
    expect(terms).toMatchObject({
      sizing: { by: "count", installmentCount: 12 },
      dayOfMonth: null,
      downPaymentCents: 0,
    });
  });

  it("a down payment of 0 is none; below $1.00 is refused", () => {
    expect(ZPlanTermsInput.parse(form({ downPayment: "0.00" })).downPaymentCents).toBe(0);
    expect(ZPlanTermsInput.parse(form({ downPayment: undefined })).downPaymentCents).toBe(0);
    expect(fieldErrors(form({ downPayment: "0.99" }))).toEqual({
      downPayment: "A down payment must be at least $1.00.",
    });
  });

  it("names the field and what to type for each unreadable value", () => {
    expect(
      fieldErrors(
        form({
          statementIds: [],
          downPayment: "-5",
          installmentAmount: "12.345",
          frequency: "DAILY",
          startDate: "03/01/2026",
        }),
      ),
    ).toEqual({
      statementIds: "Choose at least one statement with a balance to put on a plan.",
      frequency: "Choose weekly, every two weeks or monthly.",
    });
    // Field-level issues abort before the transform, so each stage is shown once fixed:
    expect(
      fieldErrors(form({ downPayment: "-5", installmentAmount: "12.345", startDate: "2026-02-30" })),
    ).toEqual({
      downPayment: "Enter the down payment in dollars and cents, like 100.00.",
      installmentAmount: "Enter the installment amount in dollars and cents, like 50.00.",
      startDate: "Enter the start date as YYYY-MM-DD.",
    });
    expect(fieldErrors(form({ installmentAmount: "0" }))).toEqual({
      installmentAmount: "Enter an installment amount greater than $0.00.",
    });
    expect(fieldErrors(form({ sizeBy: "count", installmentCount: "0" }))).toEqual({
      installmentCount: "Enter a whole number of payments, 1 or more.",
    });
    expect(fieldErrors(form({ sizeBy: "count", installmentCount: "2.5" }))).toEqual({
      installmentCount: "Enter a whole number of payments, 1 or more.",
    });
    expect(fieldErrors(form({ dayOfMonth: "32" }))).toEqual({
      dayOfMonth: "Choose a day of the month from 1 to 31.",
    });
    expect(fieldErrors(form({ sizeBy: "" }))).toEqual({
      sizeBy: "Choose an installment amount or a number of payments.",
    });
    expect(fieldErrors(form({ statementIds: ["a", "a"] }))).toEqual({
      statementIds: "A statement is listed twice.",
    });
  });
});

describe("ZCreatePlanInput", () => {
  const create = (overrides: Record<string, unknown> = {}) =>
    form({
      paymentMethodId: "pm_1",
      agreementVersion: "plan-agreement-v1",
      idempotencyKey: crypto.randomUUID(),
      ...overrides,
    });

  it("adds the method, the agreement version and an idempotency key to the terms", () => {
    const idempotencyKey = crypto.randomUUID();
    expect(ZCreatePlanInput.parse(create({ idempotencyKey }))).toMatchObject({
      sizing: { by: "amount", installmentCents: 10000 },
      paymentMethodId: "pm_1",
      agreementVersion: "plan-agreement-v1",
      idempotencyKey,
    });
  });

  it("takes a new card or bank account instead: the hosted fields' token and the name on it", () => {
    expect(
      ZCreatePlanInput.parse(
        create({ paymentMethodId: "new", newMethodToken: "tok_abcdefgh", holderName: " Pat Example " }),
      ),
    ).toMatchObject({
      paymentMethodId: null,
      newMethod: { token: "tok_abcdefgh", holderName: "Pat Example" },
    });
  });

  it("asks for the card details and the name of a new method, and takes one method, not two", () => {
    const issues = (overrides: Record<string, unknown>) => {
      const r = ZCreatePlanInput.safeParse(create(overrides));
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(issues({ paymentMethodId: "new" })).toEqual({
      newMethodToken: "Enter your card or bank details.",
      holderName: "Enter the name on the card or account.",
    });
    expect(issues({ paymentMethodId: "", newMethodToken: "tok_abcdefgh", holderName: "" })).toEqual({
      holderName: "Enter the name on the card or account.",
    });
    expect(issues({ paymentMethodId: "pm_1", newMethodToken: "tok_abcdefgh", holderName: "Pat" })).toEqual({
      paymentMethodId: "Choose a saved method or enter a new one, not both.",
    });
    expect(issues({ paymentMethodId: "" })).toEqual({ paymentMethodId: "Choose a payment method." });
  });

  it("refuses a missing method or a bad key", () => {
    expect(ZCreatePlanInput.safeParse(create({ paymentMethodId: "" })).success).toBe(false);
    expect(ZCreatePlanInput.safeParse(create({ idempotencyKey: "x" })).success).toBe(false);
    expect(ZCreatePlanInput.safeParse(create({ installmentAmount: "abc" })).success).toBe(false);
  });
});

describe("planFromForm", () => {
  it("gives the schedule for ST-1002 ($890.00) at $100.00 with $90.00 down", () => {
    const r = planFromForm(form({ downPayment: "90" }), { totalCents: 89000, today });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.data.schedule.installments.map((i) => [toIsoDay(i.dueDate), i.amountCents])).toEqual([
      ["2026-03-01", 10000],
      ["2026-04-01", 10000],
      ["2026-05-01", 10000],
      ["2026-06-01", 10000],
      ["2026-07-01", 10000],
      ["2026-08-01", 10000],
      ["2026-09-01", 10000],
      ["2026-10-01", 10000],
    ]); // $800.00 after $90.00 down
    expect(r.data.terms.statementIds).toEqual(["st_1002"]);
  });

  it("puts format errors and policy errors on the form's fields", () => {
    const bad = planFromForm(form({ installmentAmount: "abc" }), { totalCents: 89000, today });
    expect(!bad.ok && planFieldErrors(bad.errors)).toEqual({
      installmentAmount: ["Enter the installment amount in dollars and cents, like 50.00."],
    });
    const policy = planFromForm(form({ installmentAmount: "10", startDate: "2026-04-15" }), {
      totalCents: 89000,
      today,
    });
    expect(!policy.ok && planFieldErrors(policy.errors)).toEqual({
      installmentAmount: ["Each installment must be at least $25.00."],
      startDate: ["The start date must be between today and Mar 31, 2026."],
    });
    const long = planFromForm(form({ installmentAmount: "25" }), { totalCents: 89000, today });
    expect(!long.ok && planFieldErrors(long.errors)).toEqual({
      installmentAmount: [
        "The plan can't be longer than 24 months: choose a larger installment or fewer payments.",
      ],
    });
  });

  it("a missing mode goes on its own field", () => {
    const r = planFromForm(form({ sizeBy: undefined }), { totalCents: 89000, today });
    expect(!r.ok && planFieldErrors(r.errors)).toEqual({
      sizeBy: ["Choose an installment amount or a number of payments."],
    });
  });

  it("uses the practice's policy", () => {
    const r = planFromForm(form({ installmentAmount: "40" }), {
      totalCents: 89000,
      today,
      policy: { minInstallmentCents: 5000 }, // $50.00
    });
    expect(!r.ok && r.errors[0]?.message).toBe("Each installment must be at least $50.00.");
  });
});
