import { afterEach, describe, expect, it } from "vitest";
import { parseIsoDay, toIsoDay, todayInZone } from "@/lib/dates";
import {
  addMonthsClamped,
  applyExtraPayment,
  buildPlanSchedule,
  DEFAULT_PLAN_POLICY,
  maxInstallmentCount,
  planFieldErrors,
  resolvePlanPolicy,
  skipInstallment,
  type TPlanError,
  type TPlanInstallment,
  type TPlanRequest,
  type TPlanSchedule,
} from "@/lib/plans/schedule";

const day = (iso: string) => {
  const d = parseIsoDay(iso);
  if (!d) throw new Error(`bad day ${iso}`);
  return d;
};

const TODAY = day("2026-03-01");

const request = (overrides: Partial<TPlanRequest> = {}): TPlanRequest => ({
  totalCents: 100000, // $1,000.00
  sizing: { by: "count", installmentCount: 3 },
  frequency: "MONTHLY",
  startDate: TODAY,
  today: TODAY,
  ...overrides,
});

const build = (overrides: Partial<TPlanRequest> = {}): TPlanSchedule => {
  const result = buildPlanSchedule(request(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

const errorsOf = (overrides: Partial<TPlanRequest>): TPlanError[] => {
  const result = buildPlanSchedule(request(overrides));
  if (result.ok) throw new Error("expected errors");
  return result.errors;
};

const dates = (s: TPlanSchedule) => s.installments.map((i) => toIsoDay(i.dueDate));
const amounts = (s: TPlanSchedule) => s.installments.map((i) => i.amountCents);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("amounts and rounding", () => {
  it("splits $1,000.00 over 3 as 333.33, 333.33, 333.34", () => {
    const s = build();
    expect(amounts(s)).toEqual([33333, 33333, 33334]); // $333.33 ×2 + $333.34
    expect(s).toMatchObject({ installmentCents: 33333, installmentCount: 3, financedCents: 100000 });
  });

  it("amount mode: $890.00 at $100.00 is 8 × $100.00 + $90.00", () => {
    const s = build({ totalCents: 89000, sizing: { by: "amount", installmentCents: 10000 } });
    expect(amounts(s)).toEqual([...Array<number>(8).fill(10000), 9000]);
    expect(s.installmentCount).toBe(9);
    expect(s.installmentCents).toBe(10000);
  });

  it("amount mode with an exact multiple has no short last installment", () => {
    const s = build({ totalCents: 90000, sizing: { by: "amount", installmentCents: 10000 } }); // $900.00
    expect(amounts(s)).toEqual(Array<number>(9).fill(10000));
  });

  it("amount mode lets the last installment be small, never zero", () => {
    const s = build({ totalCents: 80001, sizing: { by: "amount", installmentCents: 10000 } }); // $800.01
    expect(amounts(s).at(-1)).toBe(1); // $0.01
    expect(s.installmentCount).toBe(9);
  });

  it("an installment larger than the balance makes one installment of the balance", () => {
    const s = build({ totalCents: 5000, sizing: { by: "amount", installmentCents: 10000 } }); // $50.00 at $100.00
    expect(amounts(s)).toEqual([5000]);
    expect(s.installmentCents).toBe(5000);
  });

  it("count mode puts the remainder on the last", () => {
    const s = build({ totalCents: 10006, sizing: { by: "count", installmentCount: 4 } }); // $100.06
    expect(amounts(s)).toEqual([2501, 2501, 2501, 2503]);
  });

  it("the parts always sum to the financed amount, each positive, in both modes", () => {
    for (const total of [2500, 2501, 9999, 12540, 89000, 100000, 123457, 1000001]) {
      for (const count of [1, 2, 3, 7, 12]) {
        const r = buildPlanSchedule(
          request({ totalCents: total, sizing: { by: "count", installmentCount: count } }),
        );
        if (!r.ok) continue;
        expect(sum(amounts(r.data))).toBe(total);
        expect(amounts(r.data).every((a) => Number.isInteger(a) && a > 0)).toBe(true);
      }
      for (const amount of [2500, 3333, 10000, 50000]) {
        const r = buildPlanSchedule(
          request({ totalCents: total, sizing: { by: "amount", installmentCents: amount } }),
        );
        if (!r.ok) continue;
        const parts = amounts(r.data);
        expect(sum(parts)).toBe(total);
        expect(parts.slice(0, -1).every((a) => a === amount)).toBe(true);
        expect(parts.at(-1)).toBeGreaterThan(0);
        expect(parts.at(-1)).toBeLessThanOrEqual(amount);
      }
    }
  });
});

describe("down payment", () => {
  it("is kept apart; the installments cover the rest", () => {
    const s = build({
      totalCents: 89000,
      downPaymentCents: 9000,
      sizing: { by: "count", installmentCount: 4 },
    });
    expect(s).toMatchObject({ totalCents: 89000, downPaymentCents: 9000, financedCents: 80000 }); // $890 = $90 + $800
    expect(amounts(s)).toEqual([20000, 20000, 20000, 20000]); // $200.00 each
    expect(s.downPaymentCents + sum(amounts(s))).toBe(s.totalCents);
  });

  it("none is 0", () => {
    expect(build().downPaymentCents).toBe(0);
    expect(build({ downPaymentCents: 0 }).downPaymentCents).toBe(0);
  });

  it("$1.00 is the smallest", () => {
    expect(build({ downPaymentCents: 100 }).financedCents).toBe(99900); // $1.00 down
    expect(errorsOf({ downPaymentCents: 99 })).toEqual([
      {
        field: "downPayment",
        code: "DOWN_PAYMENT_TOO_SMALL",
        message: "A down payment must be at least $1.00.",
      },
    ]);
  });

  it("must be less than the total", () => {
    for (const down of [100000, 100001]) {
      expect(errorsOf({ downPaymentCents: down })).toEqual([
        {
          field: "downPayment",
          code: "DOWN_PAYMENT_TOO_LARGE",
          message: "The down payment must be less than the total of $1,000.00.",
        },
      ]);
    }
  });

  it("must leave at least the minimum installment", () => {
    expect(errorsOf({ downPaymentCents: 99000 })).toEqual([
      {
        field: "downPayment",
        code: "FINANCED_TOO_SMALL",
        message: "After the down payment, at least $25.00 must be left for the installments.",
      },
    ]);
  });
});

describe("validation errors", () => {
  it("needs a balance", () => {
    for (const totalCents of [0, -100, 1.5]) {
      expect(errorsOf({ totalCents })[0]).toMatchObject({ field: "statementIds", code: "NOTHING_TO_SPREAD" });
    }
    expect(errorsOf({ totalCents: 2499 })).toEqual([
      {
        field: "statementIds",
        code: "NOTHING_TO_SPREAD",
        message: "A plan needs a balance of at least $25.00.",
      },
    ]);
  });

  it("an installment amount below the minimum", () => {
    expect(errorsOf({ sizing: { by: "amount", installmentCents: 2499 } })).toEqual([
      {
        field: "installmentAmount",
        code: "INSTALLMENT_TOO_SMALL",
        message: "Each installment must be at least $25.00.",
      },
    ]);
    expect(
      build({ sizing: { by: "amount", installmentCents: 2500 }, frequency: "WEEKLY" }).installmentCount,
    ).toBe(40); // $25.00
  });

  it("a count that makes installments below the minimum", () => {
    // $1,000.00 / 40 = $25.00; / 41 = $24.39
    expect(
      build({ sizing: { by: "count", installmentCount: 40 }, frequency: "WEEKLY" }).installmentCents,
    ).toBe(2500);
    expect(errorsOf({ sizing: { by: "count", installmentCount: 41 }, frequency: "WEEKLY" })).toEqual([
      {
        field: "installmentCount",
        code: "INSTALLMENT_TOO_SMALL",
        message: "Each installment must be at least $25.00.",
      },
    ]);
  });

  it("the minimum follows the practice's policy", () => {
    expect(
      errorsOf({ sizing: { by: "amount", installmentCents: 4999 }, policy: { minInstallmentCents: 5000 } }),
    ).toEqual([
      {
        field: "installmentAmount",
        code: "INSTALLMENT_TOO_SMALL",
        message: "Each installment must be at least $50.00.",
      },
    ]);
  });

  it.each([0, -1, 2.5, Number.NaN])("a count of %s", (installmentCount) => {
    expect(errorsOf({ sizing: { by: "count", installmentCount } })).toEqual([
      {
        field: "installmentCount",
        code: "COUNT_INVALID",
        message: "Enter a whole number of payments, 1 or more.",
      },
    ]);
  });

  it.each([0, 32, 15.5])("a day of month of %s", (dayOfMonth) => {
    expect(errorsOf({ dayOfMonth })).toEqual([
      {
        field: "dayOfMonth",
        code: "DAY_OF_MONTH_INVALID",
        message: "Choose a day of the month from 1 to 31.",
      },
    ]);
  });

  it("an unknown frequency", () => {
    expect(errorsOf({ frequency: "DAILY" as never })).toEqual([
      {
        field: "frequency",
        code: "FREQUENCY_INVALID",
        message: "Choose weekly, every two weeks or monthly.",
      },
    ]);
  });

  it("the start date from today up to 30 days ahead", () => {
    const message = "The start date must be between today and Mar 31, 2026.";
    expect(build({ startDate: day("2026-03-01") }).startDate).toEqual(day("2026-03-01"));
    expect(build({ startDate: day("2026-03-31") }).startDate).toEqual(day("2026-03-31"));
    for (const startDate of [day("2026-02-28"), day("2026-04-01")]) {
      expect(errorsOf({ startDate })).toEqual([
        { field: "startDate", code: "START_DATE_OUT_OF_RANGE", message },
      ]);
    }
  });

  it("reports every problem at once, grouped by field for the form", () => {
    const errors = errorsOf({
      downPaymentCents: 50,
      sizing: { by: "amount", installmentCents: 100 },
      dayOfMonth: 40,
      startDate: day("2027-01-01"),
    });
    expect(errors.map((e) => e.code)).toEqual([
      "DOWN_PAYMENT_TOO_SMALL",
      "DAY_OF_MONTH_INVALID",
      "START_DATE_OUT_OF_RANGE",
      "INSTALLMENT_TOO_SMALL",
    ]);
    expect(Object.keys(planFieldErrors(errors)).sort()).toEqual([
      "dayOfMonth",
      "downPayment",
      "installmentAmount",
      "startDate",
    ]);
  });
});

describe("the 24-month maximum (start date to last due date, exclusive)", () => {
  const tooLong = "The plan can't be longer than 24 months: choose a larger installment or fewer payments.";

  it("monthly from the start date: 24 installments end 23 months later; 25 (exactly 24 months) do not", () => {
    const s = build({ totalCents: 240000, sizing: { by: "count", installmentCount: 24 } }); // $2,400.00
    expect(toIsoDay(s.endDate)).toBe("2028-02-01");
    expect(errorsOf({ totalCents: 250000, sizing: { by: "count", installmentCount: 25 } })).toEqual([
      { field: "installmentCount", code: "PLAN_TOO_LONG", message: tooLong },
    ]);
    expect(maxInstallmentCount({ frequency: "MONTHLY", startDate: TODAY })).toBe(24);
  });

  it("amount mode: the computed count is checked, on the amount field", () => {
    // $2,400.00 at $100.00 = 24 monthly; $2,400.01 needs 25.
    expect(
      build({ totalCents: 240000, sizing: { by: "amount", installmentCents: 10000 } }).installmentCount,
    ).toBe(24);
    expect(errorsOf({ totalCents: 240001, sizing: { by: "amount", installmentCents: 10000 } })).toEqual([
      { field: "installmentAmount", code: "PLAN_TOO_LONG", message: tooLong },
    ]);
  });

  it("weekly from 2026-03-01: the last may fall on 2028-02-27 (105th), not 2028-03-05", () => {
    const ok = build({
      totalCents: 105 * 2500,
      frequency: "WEEKLY",
      sizing: { by: "count", installmentCount: 105 },
    });
    expect(toIsoDay(ok.endDate)).toBe("2028-02-27");
    expect(
      errorsOf({
        totalCents: 106 * 2500,
        frequency: "WEEKLY",
        sizing: { by: "count", installmentCount: 106 },
      })[0]?.code,
    ).toBe("PLAN_TOO_LONG");
    expect(maxInstallmentCount({ frequency: "WEEKLY", startDate: TODAY })).toBe(105);
    expect(maxInstallmentCount({ frequency: "BIWEEKLY", startDate: TODAY })).toBe(53);
  });

  it("a later day of month leaves fewer installments in the window", () => {
    // Start 2026-03-02, due on the 1st: first 2026-04-01, limit 2028-03-02 (exclusive) → Apr 2026 … Mar 2028 = 24.
    const startDate = day("2026-03-02");
    expect(maxInstallmentCount({ frequency: "MONTHLY", startDate, dayOfMonth: 1 })).toBe(24);
    expect(
      build({ startDate, dayOfMonth: 1, totalCents: 240000, sizing: { by: "count", installmentCount: 24 } })
        .endDate,
    ).toEqual(day("2028-03-01"));
  });

  it("a start on the 31st ends by the last day of the month 24 months later", () => {
    const startDate = day("2026-03-31");
    expect(toIsoDay(addMonthsClamped(startDate, 24))).toBe("2028-03-31");
    expect(toIsoDay(addMonthsClamped(day("2026-01-31"), 1))).toBe("2026-02-28");
    expect(toIsoDay(addMonthsClamped(day("2027-02-28"), 12))).toBe("2028-02-28");
  });

  it("follows the practice's maximum", () => {
    expect(
      errorsOf({ sizing: { by: "count", installmentCount: 14 }, policy: { maxLengthMonths: 12 } })[0]
        ?.message,
    ).toBe("The plan can't be longer than 12 months: choose a larger installment or fewer payments.");
    expect(
      errorsOf({ sizing: { by: "count", installmentCount: 13 }, policy: { maxLengthMonths: 12 } })[0]?.code,
    ).toBe("PLAN_TOO_LONG");
    expect(
      build({ sizing: { by: "count", installmentCount: 12 }, policy: { maxLengthMonths: 12 } })
        .installmentCount,
    ).toBe(12);
  });

  it("a huge count is refused without building a huge list", () => {
    const errors = errorsOf({
      totalCents: 1e15,
      sizing: { by: "count", installmentCount: 1e9 },
      frequency: "WEEKLY",
    });
    expect(errors[0]?.code).toBe("PLAN_TOO_LONG");
  });
});

describe("calendar: month ends, leap years, weekly and biweekly", () => {
  it("monthly on the 31st: Jan 31 → Feb 28 → Mar 31 → Apr 30", () => {
    const today = day("2027-01-05");
    const s = build({ today, startDate: day("2027-01-31"), sizing: { by: "count", installmentCount: 4 } });
    expect(dates(s)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(s.dayOfMonth).toBe(31);
  });

  it("monthly on the 31st in a leap year: Jan 31 → Feb 29 (2028)", () => {
    const today = day("2028-01-05");
    const s = build({ today, startDate: day("2028-01-31"), sizing: { by: "count", installmentCount: 3 } });
    expect(dates(s)).toEqual(["2028-01-31", "2028-02-29", "2028-03-31"]);
  });

  it.each([
    [29, ["2027-01-29", "2027-02-28", "2027-03-29"], ["2028-01-29", "2028-02-29", "2028-03-29"]],
    [30, ["2027-01-30", "2027-02-28", "2027-03-30"], ["2028-01-30", "2028-02-29", "2028-03-30"]],
    [31, ["2027-01-31", "2027-02-28", "2027-03-31"], ["2028-01-31", "2028-02-29", "2028-03-31"]],
  ])("day %i clamps in February and comes back in March", (dayOfMonth, common, leap) => {
    for (const [year, expected] of [
      [2027, common],
      [2028, leap],
    ] as const) {
      const s = build({
        today: day(`${year}-01-10`),
        startDate: day(`${year}-01-10`),
        dayOfMonth,
        sizing: { by: "count", installmentCount: 3 },
      });
      expect(dates(s)).toEqual(expected);
    }
  });

  it("monthly on a day already past this month starts next month", () => {
    const s = build({ startDate: day("2026-03-15"), dayOfMonth: 5 });
    expect(dates(s)).toEqual(["2026-04-05", "2026-05-05", "2026-06-05"]);
    expect(toIsoDay(s.startDate)).toBe("2026-03-15");
    expect(toIsoDay(s.endDate)).toBe("2026-06-05");
  });

  it("monthly on the 31st starting mid-February lands on Feb 28 first", () => {
    const s = build({ today: day("2026-02-10"), startDate: day("2026-02-10"), dayOfMonth: 31 });
    expect(dates(s)).toEqual(["2026-02-28", "2026-03-31", "2026-04-30"]);
  });

  it("monthly without a day uses the start date's day", () => {
    const s = build({ startDate: day("2026-03-20") });
    expect(s.dayOfMonth).toBe(20);
    expect(dates(s)).toEqual(["2026-03-20", "2026-04-20", "2026-05-20"]);
  });

  it("monthly across a year end", () => {
    const s = build({
      today: day("2026-11-30"),
      startDate: day("2026-11-30"),
      sizing: { by: "count", installmentCount: 4 },
    });
    expect(dates(s)).toEqual(["2026-11-30", "2026-12-30", "2027-01-30", "2027-02-28"]);
  });

  it("weekly is +7 days and biweekly +14, through Feb 29", () => {
    const today = day("2028-02-15");
    const weekly = build({ today, startDate: day("2028-02-22"), frequency: "WEEKLY" });
    expect(dates(weekly)).toEqual(["2028-02-22", "2028-02-29", "2028-03-07"]);
    expect(weekly.dayOfMonth).toBeNull();
    const biweekly = build({ today, startDate: day("2028-02-22"), frequency: "BIWEEKLY", dayOfMonth: 5 });
    expect(dates(biweekly)).toEqual(["2028-02-22", "2028-03-07", "2028-03-21"]);
    expect(biweekly.dayOfMonth).toBeNull(); // ignored unless monthly
  });
});

describe("daylight saving time and the practice's today", () => {
  const newYork = "America/New_York";
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  const assertCalendarDays = (s: TPlanSchedule, expected: string[]) => {
    expect(dates(s)).toEqual(expected);
    for (const i of s.installments) {
      expect(i.dueDate.getUTCHours() + i.dueDate.getUTCMinutes() + i.dueDate.getUTCSeconds()).toBe(0);
      expect(i.dueDate.getUTCDay()).toBe(s.installments[0]?.dueDate.getUTCDay()); // weekly: same weekday
    }
  };

  it("weekly across the spring change (2026-03-08 in New York) stays on Sundays", () => {
    for (const tz of ["UTC", newYork, "Pacific/Auckland"]) {
      process.env.TZ = tz; // the server's own zone must not matter either
      if (tz === newYork) {
        // The zone really changed for this process: local noon is UTC−5 before the change, UTC−4 after.
        expect(new Date(2026, 2, 1, 12).getTimezoneOffset()).toBe(300);
        expect(new Date(2026, 2, 8, 12).getTimezoneOffset()).toBe(240);
      }
      const s = build({
        startDate: day("2026-03-01"),
        frequency: "WEEKLY",
        sizing: { by: "count", installmentCount: 4 },
      });
      assertCalendarDays(s, ["2026-03-01", "2026-03-08", "2026-03-15", "2026-03-22"]);
    }
  });

  it("biweekly across the autumn change (2026-11-01 in New York) stays on Wednesdays", () => {
    const today = day("2026-10-20");
    for (const tz of ["UTC", newYork]) {
      process.env.TZ = tz;
      const s = build({
        today,
        startDate: day("2026-10-28"),
        frequency: "BIWEEKLY",
        sizing: { by: "count", installmentCount: 4 },
      });
      assertCalendarDays(s, ["2026-10-28", "2026-11-11", "2026-11-25", "2026-12-09"]);
    }
  });

  it("monthly across both changes keeps the chosen day", () => {
    const s = build({
      today: day("2026-10-01"),
      startDate: day("2026-10-28"),
      sizing: { by: "count", installmentCount: 6 },
    });
    expect(dates(s)).toEqual([
      "2026-10-28",
      "2026-11-28",
      "2026-12-28",
      "2027-01-28",
      "2027-02-28",
      "2027-03-28",
    ]);
  });

  it("today is the practice's: 2026-11-24T03:30Z is still Nov 23 in New York", () => {
    const today = todayInZone(newYork, new Date("2026-11-24T03:30:00Z"));
    expect(toIsoDay(today)).toBe("2026-11-23");
    // Starting "today" in New York is fine, although it is already Nov 24 in UTC.
    expect(toIsoDay(build({ today, startDate: day("2026-11-23") }).installments[0]!.dueDate)).toBe(
      "2026-11-23",
    );
    // The window runs 30 days from Nov 23, not from Nov 24.
    expect(build({ today, startDate: day("2026-12-23") }).startDate).toEqual(day("2026-12-23"));
    expect(errorsOf({ today, startDate: day("2026-12-24") })[0]?.message).toBe(
      "The start date must be between today and Dec 23, 2026.",
    );
    expect(errorsOf({ today, startDate: day("2026-11-22") })[0]?.code).toBe("START_DATE_OUT_OF_RANGE");
  });
});

describe("policy", () => {
  it("has the documented defaults, and settings override them", () => {
    expect(DEFAULT_PLAN_POLICY).toEqual({
      minInstallmentCents: 2500, // $25.00
      maxLengthMonths: 24,
      maxStartDaysAhead: 30,
      maxSkips: 1,
      retryAfterDays: [3, 7],
    });
    expect(resolvePlanPolicy({ maxSkips: 2, minInstallmentCents: undefined })).toEqual({
      ...DEFAULT_PLAN_POLICY,
      maxSkips: 2,
    });
  });
});

// ─────────────────────────────── running plans ───────────────────────────────

const rows = (s: TPlanSchedule): TPlanInstallment[] =>
  s.installments.map((i) => ({ ...i, status: "SCHEDULED" as const }));

/** $890.00 at $100.00 monthly from 2026-03-01: 8 × $100.00 + $90.00, Mar 2026 … Nov 2026. */
const plan890 = () => build({ totalCents: 89000, sizing: { by: "amount", installmentCents: 10000 } });

describe("applyExtraPayment", () => {
  const extra = (installments: TPlanInstallment[], extraCents: number) => {
    const r = applyExtraPayment({ installments, extraCents });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };

  it("an extra smaller than the last installment reduces only the last", () => {
    const r = extra(rows(plan890()), 4000); // $40.00
    expect(r.outstanding.map((i) => i.amountCents)).toEqual([...Array<number>(8).fill(10000), 5000]);
    expect(r.reduced).toEqual({ sequence: 9, amountCents: 5000 });
    expect(r.cancelledSequences).toEqual([]);
    expect(r.remainingCents).toBe(85000);
    expect(toIsoDay(r.endDate!)).toBe("2026-11-01");
  });

  it("removes installments from the end and reduces the new last", () => {
    const r = extra(rows(plan890()), 25000); // $250.00 = $90.00 + $100.00 + $60.00
    expect(r.cancelledSequences).toEqual([8, 9]);
    expect(r.reduced).toEqual({ sequence: 7, amountCents: 4000 }); // $40.00
    expect(r.outstanding.map((i) => i.amountCents)).toEqual([...Array<number>(6).fill(10000), 4000]);
    expect(toIsoDay(r.endDate!)).toBe("2026-09-01");
    expect(r.remainingCents).toBe(89000 - 25000);
    expect(r.installments.filter((i) => i.status === "CANCELLED").map((i) => i.sequence)).toEqual([8, 9]);
    expect(r.installments).toHaveLength(9); // cancelled rows stay, as rows
  });

  it("an extra that ends exactly on an installment boundary leaves no reduced one", () => {
    const r = extra(rows(plan890()), 19000); // $190.00 = $90.00 + $100.00
    expect(r.cancelledSequences).toEqual([8, 9]);
    expect(r.reduced).toBeNull();
    expect(r.outstanding.at(-1)).toMatchObject({ sequence: 7, amountCents: 10000 });
  });

  it("skips paid installments and pays off the plan with the whole balance", () => {
    const installments = rows(plan890()).map((i) =>
      i.sequence <= 2 ? { ...i, status: "PAID" as const } : i,
    );
    const r = extra(installments, 69000); // $690.00 left
    expect(r.outstanding).toEqual([]);
    expect(r.remainingCents).toBe(0);
    expect(r.endDate).toBeNull();
    expect(r.cancelledSequences).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(r.installments.filter((i) => i.status === "PAID")).toHaveLength(2);
  });

  it("counts a declined installment awaiting retry as owed", () => {
    const installments = rows(plan890()).map((i) =>
      i.sequence === 1 ? { ...i, status: "FAILED" as const } : i,
    );
    expect(extra(installments, 100).remainingCents).toBe(88900); // $890.00 − $1.00
  });

  it("refuses too little, too much, and a plan with nothing owed", () => {
    const installments = rows(plan890());
    expect(applyExtraPayment({ installments, extraCents: 99 })).toEqual({
      ok: false,
      errors: [{ field: "extraAmount", code: "EXTRA_TOO_SMALL", message: "The smallest payment is $1.00." }],
    });
    expect(applyExtraPayment({ installments, extraCents: 89001 })).toEqual({
      ok: false,
      errors: [
        {
          field: "extraAmount",
          code: "EXTRA_TOO_LARGE",
          message: "The extra payment can't be more than the remaining balance of $890.00.",
        },
      ],
    });
    const paid = installments.map((i) => ({ ...i, status: "PAID" as const }));
    const r = applyExtraPayment({ installments: paid, extraCents: 100 });
    expect(!r.ok && r.errors[0]?.code).toBe("NOTHING_OUTSTANDING");
  });

  it("does not change its input", () => {
    const installments = rows(plan890());
    const before = structuredClone(installments);
    extra(installments, 25000);
    expect(installments).toEqual(before);
  });
});

describe("skipInstallment", () => {
  const today = day("2026-03-10");
  const skip = (
    args: Partial<Parameters<typeof skipInstallment>[0]> & { installments: TPlanInstallment[] },
  ) => skipInstallment({ sequence: 3, frequency: "MONTHLY", dayOfMonth: 1, today, ...args });

  it("moves the skipped amount to a new installment after the last", () => {
    const r = skip({ installments: rows(plan890()) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.data.skipped).toMatchObject({ sequence: 3, status: "SKIPPED", amountCents: 10000 });
    expect(r.data.added).toMatchObject({ sequence: 10, amountCents: 10000, status: "SCHEDULED" });
    expect(toIsoDay(r.data.added.dueDate)).toBe("2026-12-01");
    expect(toIsoDay(r.data.endDate!)).toBe("2026-12-01");
    expect(r.data.remainingCents).toBe(89000); // nothing owed changes
    expect(r.data.outstanding.map((i) => i.sequence)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.data.installments).toHaveLength(10);
  });

  it("monthly on the 31st: the added one lands on the chosen day, clamped", () => {
    const s = build({
      today: day("2027-01-05"),
      startDate: day("2027-01-31"),
      sizing: { by: "count", installmentCount: 4 },
    }); // Jan 31, Feb 28, Mar 31, Apr 30
    const r = skipInstallment({
      installments: rows(s),
      sequence: 2,
      frequency: "MONTHLY",
      dayOfMonth: 31,
      today: day("2027-02-01"),
    });
    expect(r.ok && toIsoDay(r.data.added.dueDate)).toBe("2027-05-31");
  });

  it.each([
    ["WEEKLY", "2026-03-22"],
    ["BIWEEKLY", "2026-04-12"],
  ] as const)("%s: the added one is the next date in the sequence", (frequency, expected) => {
    const s = build({ startDate: day("2026-03-01"), frequency }); // 3 installments
    const r = skipInstallment({ installments: rows(s), sequence: 2, frequency, today: day("2026-03-01") });
    expect(r.ok && toIsoDay(r.data.added.dueDate)).toBe(expected);
  });

  it("may take the plan one step past the maximum length", () => {
    const s = build({ totalCents: 240000, sizing: { by: "count", installmentCount: 24 } }); // ends 2028-02-01
    const r = skipInstallment({
      installments: rows(s),
      sequence: 5,
      frequency: "MONTHLY",
      dayOfMonth: 1,
      today,
    });
    expect(r.ok && toIsoDay(r.data.endDate!)).toBe("2028-03-01");
  });

  it("after an extra payment, follows the last remaining installment and a fresh sequence number", () => {
    const afterExtra = applyExtraPayment({ installments: rows(plan890()), extraCents: 19000 }); // cancels 8, 9
    if (!afterExtra.ok) throw new Error("extra failed");
    const r = skip({ installments: afterExtra.data.installments });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.data.added.sequence).toBe(10); // 8 and 9 still exist as cancelled rows
    expect(toIsoDay(r.data.added.dueDate)).toBe("2026-10-01"); // after #7 (Sep 1)
  });

  it("allows one skip per plan by default; the practice may allow more or none", () => {
    const once = skip({ installments: rows(plan890()) });
    if (!once.ok) throw new Error("first skip failed");
    const twice = skip({ installments: once.data.installments, sequence: 4 });
    expect(twice).toEqual({
      ok: false,
      errors: [
        {
          field: "sequence",
          code: "SKIP_LIMIT_REACHED",
          message: "You can skip only one installment per plan, and it has been used.",
        },
      ],
    });
    expect(skip({ installments: once.data.installments, sequence: 4, policy: { maxSkips: 2 } }).ok).toBe(
      true,
    );
    const none = skip({ installments: rows(plan890()), policy: { maxSkips: 0 } });
    expect(!none.ok && none.errors[0]?.code).toBe("SKIP_NOT_ALLOWED");
  });

  it("only an upcoming scheduled installment, before its due date", () => {
    const installments = rows(plan890()).map((i) =>
      i.sequence === 1
        ? { ...i, status: "PAID" as const }
        : i.sequence === 2
          ? { ...i, status: "FAILED" as const }
          : i,
    );
    const message = "Only an upcoming installment can be skipped, before its due date.";
    for (const sequence of [1, 2, 99]) {
      expect(skip({ installments, sequence })).toEqual({
        ok: false,
        errors: [{ field: "sequence", code: "INSTALLMENT_NOT_SKIPPABLE", message }],
      });
    }
    // #3 is due 2026-05-01: not on its due date, fine the day before.
    expect(skip({ installments, today: day("2026-05-01") }).ok).toBe(false);
    expect(skip({ installments, today: day("2026-04-30") }).ok).toBe(true);
  });
});
