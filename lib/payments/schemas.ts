import { z } from "zod";
import { MIN_PAYMENT_CENTS, parseDollarsToCents, type Cents } from "@/lib/money";

/** A dollar amount typed by a person ("125.40", "$1,250") → integer cents, at least $1.00. */
export const ZAmount = z
  .string()
  .trim()
  .min(1, "Enter an amount.")
  .transform((value, ctx) => {
    const cents = parseDollarsToCents(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Enter an amount in dollars and cents, like 25.00." });
      return z.NEVER;
    }
    if (cents < MIN_PAYMENT_CENTS) {
      ctx.addIssue({ code: "custom", message: "The smallest payment is $1.00." });
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

/**
 * What the pay form sends: which statements and how much of each (the server re-checks every
 * balance), how to pay — the single-use token from the gateway's hosted fields (with its kind,
 * and whether to save the method), or a saved method of the patient's wallet — and an
 * idempotency key made when the form was shown, so a double click or a retry is the same payment.
 */
export const ZPayBillInput = z
  .object({
    allocations: z
      .array(z.object({ statementId: z.string().min(1).max(40), amount: ZAmount }))
      .min(1, "Choose at least one statement to pay.")
      .max(50)
      .refine((a) => new Set(a.map((x) => x.statementId)).size === a.length, "A statement is listed twice."),
    token: z.string().min(8, "Enter your payment details.").max(200).optional(),
    methodKind: z.enum(PAYMENT_METHOD_KINDS).optional(),
    saveMethod: z.boolean().optional(),
    paymentMethodId: z.string().min(1).max(40).optional(),
    wallet: ZWalletPayment.optional(),
    idempotencyKey: z.string().uuid(),
    payerEmail: z.string().trim().email("Enter a valid email address.").max(254).optional().or(z.literal("")),
  })
  .superRefine((input, ctx) => {
    const sources = [input.token, input.paymentMethodId, input.wallet].filter((x) => x !== undefined);
    if (sources.length > 1) {
      ctx.addIssue({ code: "custom", path: ["token"], message: "Choose one way to pay." });
    } else if (sources.length === 0) {
      ctx.addIssue({ code: "custom", path: ["token"], message: "Enter your payment details." });
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
  });
export type TPayBillInput = z.output<typeof ZPayBillInput>;
