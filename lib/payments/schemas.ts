import { z } from "zod";
import { LOCALES } from "@/lib/locale";
import { MIN_PAYMENT_CENTS, parseDollarsToCents, type Cents } from "@/lib/money";
import { PAY_MESSAGES } from "@/lib/payments/pay-messages";

/** A dollar amount typed by a person ("125.40", "$1,250") → integer cents, at least $1.00. */
export const ZAmount = z
  .string()
  .trim()
  .min(1, PAY_MESSAGES.enterAmount)
  .transform((value, ctx) => {
    const cents = parseDollarsToCents(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: PAY_MESSAGES.amountFormat });
      return z.NEVER;
    }
    if (cents < MIN_PAYMENT_CENTS) {
      ctx.addIssue({ code: "custom", message: PAY_MESSAGES.minimumPayment });
      return z.NEVER;
    }
    return cents as Cents;
  });

export const PAYMENT_METHOD_KINDS = ["CARD", "ACH"] as const;

/**
 * What Apple Pay or Google Pay gave the page (docs/gateway-api.md, "Wallets"), passed on to the
 * gateway untouched: Apple's `event.payment.token`, or Google's `tokenizationData.token` and
 * `info`. Shapes are checked, sizes capped; the gateway verifies the contents.
 */
export const ZWalletPayment = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("apple_pay"),
    token: z.object({
      paymentData: z.looseObject({
        version: z.string().max(20),
        data: z.string().min(1).max(20_000),
        signature: z.string().max(20_000),
        header: z.record(z.string(), z.unknown()),
      }),
      paymentMethod: z.looseObject({
        displayName: z.string().max(100).nullish(),
        network: z.string().max(40).nullish(),
        type: z.string().max(40).nullish(),
      }),
      transactionIdentifier: z.string().min(1).max(200),
    }),
  }),
  z.object({
    kind: z.literal("google_pay"),
    token: z.string().min(1).max(20_000),
    info: z.looseObject({ cardNetwork: z.string().min(1).max(40), cardDetails: z.string().min(1).max(20) }),
  }),
]);
export type TWalletPayment = z.output<typeof ZWalletPayment>;

const ZAllocations = z
  .array(z.object({ statementId: z.string().min(1).max(40), amount: ZAmount }))
  .min(1, PAY_MESSAGES.chooseStatement)
  .max(50)
  .refine((a) => new Set(a.map((x) => x.statementId)).size === a.length, "A statement is listed twice.");

const ZPayerEmail = z.string().trim().email(PAY_MESSAGES.validEmail).max(254).optional().or(z.literal(""));

/** Exactly one way to pay (a token with its kind, a saved method, a wallet); saving only a new token. */
const checkPaySource = (
  input: {
    token?: string;
    methodKind?: string;
    saveMethod?: boolean;
    paymentMethodId?: string;
    wallet?: unknown;
  },
  ctx: z.RefinementCtx,
) => {
  const sources = [input.token, input.paymentMethodId, input.wallet].filter((x) => x !== undefined);
  if (sources.length > 1) {
    ctx.addIssue({ code: "custom", path: ["token"], message: "Choose one way to pay." });
  } else if (sources.length === 0) {
    ctx.addIssue({ code: "custom", path: ["token"], message: PAY_MESSAGES.enterPaymentDetails });
  } else if (input.token && !input.methodKind) {
    ctx.addIssue({ code: "custom", path: ["methodKind"], message: "Choose card or bank account." });
  }
  if (input.saveMethod && !input.token) {
    // Saving is for a card or bank account typed into the hosted fields (see pay-bill.ts).
    ctx.addIssue({
      code: "custom",
      path: ["saveMethod"],
      message: "Only a new card or bank account can be saved.",
    });
  }
};

/**
 * What the pay form sends: which statements and how much of each (the server re-checks every
 * balance), how to pay — the single-use token from the gateway's hosted fields (with its kind,
 * and whether to save the method), or a saved method of the patient's wallet — and an
 * idempotency key made when the form was shown, so a double click or a retry is the same payment.
 */
export const ZPayBillInput = z
  .object({
    allocations: ZAllocations,
    token: z.string().min(8, PAY_MESSAGES.enterPaymentDetails).max(200).optional(),
    methodKind: z.enum(PAYMENT_METHOD_KINDS).optional(),
    saveMethod: z.boolean().optional(),
    paymentMethodId: z.string().min(1).max(40).optional(),
    wallet: ZWalletPayment.optional(),
    idempotencyKey: z.string().uuid(),
    payerEmail: ZPayerEmail,
  })
  .superRefine(checkPaySource);
export type TPayBillInput = z.output<typeof ZPayBillInput>;

/** How a staff member takes a payment at the virtual terminal (Payment.channel). */
export const STAFF_PAYMENT_CHANNELS = ["STAFF_PHONE", "MAIL", "STAFF_OFFICE"] as const;
export type TStaffPaymentChannel = (typeof STAFF_PAYMENT_CHANNELS)[number];

/**
 * The virtual terminal (staff, `payments.take`): the pay form's statements, amounts, token or
 * saved method (one the patient allows staff to charge), idempotency key, receipt address and
 * the receipt's language (the clerk asks the patient; English when not given), plus the account
 * and how the patient is paying. No wallets (the patient is not at the browser) and no saving
 * the method (only the patient saves to their wallet).
 */
export const ZTakePaymentInput = z
  .object({
    accountId: z.string().min(1).max(40),
    channel: z.enum(STAFF_PAYMENT_CHANNELS, { error: "Choose how the patient is paying." }),
    allocations: ZAllocations,
    token: z.string().min(8, "Enter the payment details.").max(200).optional(),
    methodKind: z.enum(PAYMENT_METHOD_KINDS).optional(),
    paymentMethodId: z.string().min(1).max(40).optional(),
    idempotencyKey: z.string().uuid(),
    payerEmail: ZPayerEmail,
    receiptLocale: z.enum(LOCALES).optional(),
  })
  .superRefine(checkPaySource);
export type TTakePaymentInput = z.output<typeof ZTakePaymentInput>;
