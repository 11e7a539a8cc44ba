import { z } from "zod";
import { parseIsoDay } from "@/lib/dates";
import { MIN_PAYMENT_CENTS, parseDollarsToCents } from "@/lib/money";
import { methodChoiceShape, readMethodChoice, type TNewMethodInput } from "@/lib/saved-methods/schemas";
import {
  buildPlanSchedule,
  PLAN_FREQUENCIES,
  planMessages,
  type TPlanError,
  type TPlanField,
  type TPlanPolicy,
  type TPlanResult,
  type TPlanSchedule,
  type TPlanSizing,
} from "@/lib/plans/schedule";

/**
 * The plan form, as typed (strings) → cents, counts and calendar days. Safe to import on the
 * client: the live preview and the server action parse with the same schema, then both call
 * `buildPlanSchedule` (through `planFromForm`) for the rules that need the balance, today and
 * the practice's policy. The schema checks only what needs none of those.
 */

export const PLAN_SIZE_BY = ["amount", "count"] as const;

export const planFormMessages = {
  statements: planMessages.nothingToSpread,
  downPaymentFormat: "Enter the down payment in dollars and cents, like 100.00.",
  sizeBy: "Choose an installment amount or a number of payments.",
  installmentAmountFormat: "Enter the installment amount in dollars and cents, like 50.00.",
  installmentAmountZero: "Enter an installment amount greater than $0.00.",
  startDateFormat: "Enter the start date as YYYY-MM-DD.",
} as const;

const ZId = z.string().min(1).max(40);

const termsShape = {
  /** The statements the plan covers; the server sums their balances (never the client). */
  statementIds: z
    .array(ZId)
    .min(1, planFormMessages.statements)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, "A statement is listed twice."),
  /** Optional; empty or 0 means none. */
  downPayment: z.string().trim().max(30).optional(),
  sizeBy: z.enum(PLAN_SIZE_BY, { error: planFormMessages.sizeBy }),
  /** Read when sizeBy is "amount". */
  installmentAmount: z.string().trim().max(30).optional(),
  /** Read when sizeBy is "count". */
  installmentCount: z.string().trim().max(10).optional(),
  frequency: z.enum(PLAN_FREQUENCIES, { error: planMessages.frequencyInvalid }),
  /** Read for MONTHLY; empty means the start date's day. */
  dayOfMonth: z.string().trim().max(10).optional(),
  startDate: z.string().trim().max(20),
};

type TTermsFields = z.output<z.ZodObject<typeof termsShape>>;

export type TPlanTerms = {
  statementIds: string[];
  /** 0 when none. */
  downPaymentCents: number;
  sizing: TPlanSizing;
  frequency: (typeof PLAN_FREQUENCIES)[number];
  dayOfMonth: number | null;
  startDate: Date;
};

/** Field strings → typed terms; adds an issue on the field for anything unreadable. */
const readTerms = (f: TTermsFields, ctx: z.RefinementCtx): TPlanTerms | null => {
  const issue = (field: TPlanField, message: string) =>
    ctx.addIssue({ code: "custom", path: [field], message });
  let isValid = true;
  const fail = (field: TPlanField, message: string) => {
    issue(field, message);
    isValid = false;
  };

  let downPaymentCents = 0;
  if (f.downPayment) {
    const cents = parseDollarsToCents(f.downPayment);
    if (cents === null) fail("downPayment", planFormMessages.downPaymentFormat);
    else if (cents > 0 && cents < MIN_PAYMENT_CENTS) fail("downPayment", planMessages.downPaymentTooSmall);
    else downPaymentCents = cents;
  }

  let sizing: TPlanSizing = { by: "count", installmentCount: 0 };
  if (f.sizeBy === "amount") {
    const cents = parseDollarsToCents(f.installmentAmount ?? "");
    if (cents === null) fail("installmentAmount", planFormMessages.installmentAmountFormat);
    else if (cents <= 0) fail("installmentAmount", planFormMessages.installmentAmountZero);
    else sizing = { by: "amount", installmentCents: cents };
  } else {
    const text = f.installmentCount ?? "";
    const count = /^\d{1,4}$/.test(text) ? Number(text) : 0;
    if (count < 1) fail("installmentCount", planMessages.countInvalid);
    else sizing = { by: "count", installmentCount: count };
  }

  let dayOfMonth: number | null = null;
  if (f.frequency === "MONTHLY" && f.dayOfMonth) {
    const day = /^\d{1,2}$/.test(f.dayOfMonth) ? Number(f.dayOfMonth) : 0;
    if (day < 1 || day > 31) fail("dayOfMonth", planMessages.dayOfMonthInvalid);
    else dayOfMonth = day;
  }

  const startDate = parseIsoDay(f.startDate);
  if (!startDate) fail("startDate", planFormMessages.startDateFormat);

  if (!isValid || !startDate) return null;
  return {
    statementIds: f.statementIds,
    downPaymentCents,
    sizing,
    frequency: f.frequency,
    dayOfMonth,
    startDate,
  };
};

/** The plan form's terms, for the live preview (and the first half of the create action's input). */
export const ZPlanTermsInput = z.object(termsShape).transform((f, ctx) => readTerms(f, ctx) ?? z.NEVER);
export type TPlanTermsInput = z.output<typeof ZPlanTermsInput>;

/**
 * Creating a plan: the terms plus the method (a saved one, or a new card or bank account typed
 * into the hosted fields: its token and the name on it), the agreement version shown, and an
 * idempotency key.
 */
export const ZCreatePlanInput = z
  .object({
    ...termsShape,
    ...methodChoiceShape,
    /** The `PLAN_AGREEMENT_VERSION` the patient read; the server refuses a stale one. */
    agreementVersion: z.string().min(1).max(40),
    /** Made when the form is shown, so a double submit is one plan, one method and one down payment. */
    idempotencyKey: z.uuid(),
  })
  .transform((f, ctx) => {
    const terms = readTerms(f, ctx);
    const method = readMethodChoice(f, ctx);
    if (!terms || !method) return z.NEVER;
    return {
      ...terms,
      ...method,
      agreementVersion: f.agreementVersion,
      idempotencyKey: f.idempotencyKey,
    };
  });
/** What createPlan takes: staff plans always name a saved method (their input has no new one). */
export type TCreatePlanInput = Omit<z.output<typeof ZCreatePlanInput>, "newMethod" | "paymentMethodId"> &
  ({ paymentMethodId: string; newMethod?: null } | { paymentMethodId: null; newMethod: TNewMethodInput });

/** How a patient agreed to a plan staff set up for them (PaymentPlan.agreedVia). */
export const STAFF_PLAN_AGREED_VIA = ["IN_PERSON", "PHONE"] as const;
export type TStaffPlanAgreedVia = (typeof STAFF_PLAN_AGREED_VIA)[number];

/**
 * Staff (`plans.manage`) setting up a plan for an account: the patient's terms and checks, a
 * saved method the patient allows staff to charge, the agreement version read to or by the
 * patient, and how the patient agreed (in person, by phone).
 */
export const ZCreateStaffPlanInput = z
  .object({
    ...termsShape,
    accountId: ZId,
    paymentMethodId: ZId,
    agreementVersion: z.string().min(1).max(40),
    agreedVia: z.enum(STAFF_PLAN_AGREED_VIA, { error: "Choose how the patient agreed to the plan." }),
    idempotencyKey: z.uuid(),
  })
  .transform((f, ctx) => {
    const terms = readTerms(f, ctx);
    if (!terms) return z.NEVER;
    return {
      ...terms,
      accountId: f.accountId,
      paymentMethodId: f.paymentMethodId,
      agreementVersion: f.agreementVersion,
      agreedVia: f.agreedVia,
      idempotencyKey: f.idempotencyKey,
    };
  });
export type TCreateStaffPlanInput = z.output<typeof ZCreateStaffPlanInput>;

const PLAN_FIELDS: readonly string[] = [
  "statementIds",
  "downPayment",
  "sizeBy",
  "installmentAmount",
  "installmentCount",
  "frequency",
  "dayOfMonth",
  "startDate",
  "paymentMethodId",
  "newMethodToken",
  "holderName",
] satisfies TPlanField[];

/** zod issues → plan errors on the form's fields; anything else (a bad key or version) goes on "form". */
export const planErrorsFromZod = (error: z.ZodError): TPlanError[] =>
  error.issues.map((i) => {
    const head = String(i.path[0] ?? "");
    return {
      field: (PLAN_FIELDS.includes(head) ? head : "form") as TPlanField,
      code: "INVALID_INPUT",
      message: i.message,
    };
  });

/**
 * The form as submitted → the schedule, or every error by field. The same call serves the live
 * preview (with the balance the page shows) and the server action (with the balance it re-reads;
 * it must use the server's figures, never the client's).
 */
export const planFromForm = (
  input: unknown,
  context: { totalCents: number; today: Date; policy?: Partial<TPlanPolicy> },
): TPlanResult<{ terms: TPlanTermsInput; schedule: TPlanSchedule }> => {
  const parsed = ZPlanTermsInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: planErrorsFromZod(parsed.error) };
  const terms = parsed.data;
  const result = buildPlanSchedule({ ...terms, ...context });
  return result.ok ? { ok: true, data: { terms, schedule: result.data } } : result;
};
