import { describe, expect, it } from "vitest";
import { parseIsoDay } from "@/lib/dates";
import {
  PLAN_AGREEMENT_VERSION,
  PLAN_AGREEMENT_VERSIONS,
  planAgreementLocale,
  planAgreementText,
} from "@/lib/plans/agreement";
import { buildPlanSchedule, type TPlanRequest, type TPlanSchedule } from "@/lib/plans/schedule";

const today = parseIsoDay("2026-03-01")!;

const schedule = (overrides: Partial<TPlanRequest> = {}): TPlanSchedule => {
  const r = buildPlanSchedule({
    totalCents: 89000, // $890.00
    downPaymentCents: 5000, // $50.00
    sizing: { by: "amount", installmentCents: 10000 }, // $100.00
    frequency: "MONTHLY",
    dayOfMonth: 31,
    startDate: parseIsoDay("2026-03-15")!,
    today,
    ...overrides,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

const options = { practiceName: "Riverside Family Medicine", methodLabel: "Visa ending 1111" };

describe("planAgreementText", () => {
  it("states the amounts, every date, the method, retries and cancellation", () => {
    const { version, text } = planAgreementText(schedule(), options);
    expect(version).toBe(PLAN_AGREEMENT_VERSION);
    expect(text).toContain("You agree to pay Riverside Family Medicine $890.00");
    expect(text).toContain("Down payment: $50.00, charged today.");
    expect(text).toContain(
      "Installments: 9 payments of $100.00 (the last one $40.00), every month on the 31st (or the last day of a shorter month), from Mar 31, 2026 to Nov 30, 2026:",
    );
    expect(text).toContain("  1. Mar 31, 2026: $100.00");
    expect(text).toContain("  2. Apr 30, 2026: $100.00");
    expect(text).toContain("  9. Nov 30, 2026: $40.00");
    expect(text).toContain("Total of the installments: $840.00. Total with the down payment: $890.00.");
    expect(text).toContain("Payment method: Visa ending 1111.");
    expect(text).toContain("we will try again 3 and 7 days after its due date");
    expect(text).toContain("You may cancel this plan at any time");
    expect(text).toContain("You may skip one installment");
    expect(text).toMatchInlineSnapshot(`
      "Payment plan agreement with Riverside Family Medicine

      You agree to pay Riverside Family Medicine $890.00 for the statements in this plan, as follows.

      Down payment: $50.00, charged today.
      Installments: 9 payments of $100.00 (the last one $40.00), every month on the 31st (or the last day of a shorter month), from Mar 31, 2026 to Nov 30, 2026:
        1. Mar 31, 2026: $100.00
        2. Apr 30, 2026: $100.00
        3. May 31, 2026: $100.00
        4. Jun 30, 2026: $100.00
        5. Jul 31, 2026: $100.00
        6. Aug 31, 2026: $100.00
        7. Sep 30, 2026: $100.00
        8. Oct 31, 2026: $100.00
        9. Nov 30, 2026: $40.00
      Total of the installments: $840.00. Total with the down payment: $890.00.
      This plan has no interest and no fees.

      Payment method: Visa ending 1111. You authorize Riverside Family Medicine to charge the down payment today and each installment to this method on its due date. You can change the method on the plan page at any time.

      If a payment is declined, we will try again 3 and 7 days after its due date, and email you each time. If the last attempt also fails, the plan is marked as defaulted and the remaining balance is due.

      You may pay an extra amount at any time; it is applied to the last installments and shortens the plan. You may skip one installment before its due date; the skipped amount moves to a new installment after the last one.
      New balances on your account are not added to this plan.

      You may cancel this plan at any time, on the plan page or by contacting Riverside Family Medicine. Canceling stops future charges; it does not cancel the balance you still owe, and payments already made are not reversed."
    `);
  });

  it("without a down payment, weekly, even amounts", () => {
    const { text } = planAgreementText(
      schedule({ downPaymentCents: 0, frequency: "WEEKLY", sizing: { by: "count", installmentCount: 2 } }),
      options,
    );
    expect(text).not.toContain("Down payment");
    expect(text).not.toContain("the down payment today");
    expect(text).toContain(
      "Installments: 2 payments of $445.00, every week, from Mar 15, 2026 to Mar 22, 2026:",
    );
  });

  it("follows the practice's retries and skips", () => {
    const { text } = planAgreementText(schedule(), {
      ...options,
      policy: { retryAfterDays: [2, 5, 9], maxSkips: 0 },
    });
    expect(text).toContain("we will try again 2, 5 and 9 days after its due date");
    expect(text).not.toContain("skip");
  });

  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [11, "11th"],
    [22, "22nd"],
    [23, "23rd"],
    [28, "28th"],
  ])("monthly on day %i reads %s", (dayOfMonth, text) => {
    expect(planAgreementText(schedule({ dayOfMonth }), options).text).toContain(
      `every month on the ${text},`,
    );
  });
});

describe("the Spanish agreement", () => {
  it("has a version of its own that names its language, and says the same terms in Spanish", () => {
    const { version, text } = planAgreementText(schedule(), { ...options, locale: "es" });
    expect(version).toBe(PLAN_AGREEMENT_VERSIONS.es);
    expect(version).not.toBe(PLAN_AGREEMENT_VERSION);
    expect(planAgreementLocale(version)).toBe("es");
    expect(text).toContain("Acuerdo de plan de pagos con Riverside Family Medicine");
    expect(text).toContain("Usted se compromete a pagar a Riverside Family Medicine $890.00");
    expect(text).toContain("Pago inicial: $50.00, que se cobra hoy.");
    expect(text).toContain(
      "Cuotas: 9 pagos de $100.00 (el último de $40.00), cada mes el día 31 (o el último día de un mes más corto), del 31 mar 2026 al 30 nov 2026:",
    );
    expect(text).toContain("  9. 30 nov 2026: $40.00");
    expect(text).toContain("Total de las cuotas: $840.00. Total con el pago inicial: $890.00.");
    expect(text).toContain("Forma de pago: Visa ending 1111.");
    expect(text).toContain("lo intentaremos de nuevo 3 y 7 días después de su fecha de vencimiento");
    expect(text).toContain("Puede cancelar este plan en cualquier momento");
    expect(text).not.toMatch(/\b(You|the|installment)\b/);
  });

  it("English stays the default, and an older or unknown version names no language", () => {
    expect(planAgreementText(schedule(), options)).toEqual(
      planAgreementText(schedule(), { ...options, locale: "en" }),
    );
    expect(planAgreementLocale(PLAN_AGREEMENT_VERSION)).toBe("en");
    expect(planAgreementLocale("plan-agreement-v0")).toBeNull();
  });
});
