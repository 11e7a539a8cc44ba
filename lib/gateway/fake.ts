import { randomUUID } from "node:crypto";
import { GatewayError } from "@/lib/gateway/errors";
import type { TCreatePaymentInput, TGateway } from "@/lib/gateway/interface";
import type { TGatewayDeclineCode, TGatewayPayment, TGatewayRefund } from "@/lib/gateway/types";

/**
 * An in-memory gateway for use-case tests (never used by the app). Tokens name their outcome:
 * `tok_ok_visa_1111`, `tok_decline_<code>`, `tok_processor_error`, `tok_timeout` (approves,
 * then fails as INDETERMINATE, as a lost response would). Replays by idempotency key return
 * the first result, as the real gateway does.
 */
export type TFakeGateway = TGateway & {
  payments: Map<string, TGatewayPayment>;
  /** How many charges the fake actually made (replays excluded). */
  chargeCount: () => number;
  settleAll: () => void;
};

export const createFakeGateway = ({ now = () => new Date() }: { now?: () => Date } = {}): TFakeGateway => {
  const payments = new Map<string, TGatewayPayment>();
  const byKey = new Map<string, TGatewayPayment | GatewayError>();
  const refundsByKey = new Map<string, TGatewayRefund>();
  let charges = 0;

  const find = (id: string) => {
    const p = payments.get(id);
    if (!p)
      throw new GatewayError({
        code: "NOT_FOUND",
        gatewayCode: "not_found",
        status: 404,
        isRetryable: false,
        message: "no such payment",
      });
    return p;
  };

  const charge = (input: TCreatePaymentInput): TGatewayPayment | GatewayError => {
    const token = "token" in input.source ? input.source.token : `tok_ok_visa_1111`;
    if (token === "tok_processor_error") {
      return new GatewayError({
        code: "PROCESSOR_ERROR",
        gatewayCode: "processor_error",
        status: 502,
        isRetryable: true,
        message: "processor error",
      });
    }
    charges++;
    const decline = /^tok_decline_(\w+)$/.exec(token)?.[1] as TGatewayDeclineCode | undefined;
    const [, , brand = "visa", last4 = "1111"] = token.split("_");
    const payment: TGatewayPayment = {
      id: `pay_${randomUUID().replace(/-/g, "")}`,
      status: decline ? "declined" : "approved",
      amountCents: input.amountCents,
      currency: input.currency,
      refundedCents: 0,
      authorizationCode: decline ? null : "FAKE01",
      declineCode: decline ?? null,
      declineMessage: decline ? `Declined: ${decline.replace(/_/g, " ")}` : null,
      method: {
        kind: "card",
        brand: decline ? "visa" : brand,
        last4: decline ? "0002" : last4,
        expMonth: 12,
        expYear: 2030,
      },
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      settledAt: null,
      voidedAt: null,
      returnedAt: null,
      returnCode: null,
      createdAt: now(),
    };
    payments.set(payment.id, payment);
    return payment;
  };

  return {
    payments,
    chargeCount: () => charges,
    settleAll: () => {
      for (const p of payments.values()) if (p.status === "approved" && !p.settledAt) p.settledAt = now();
    },
    createPayment: async (input) => {
      const result = byKey.get(input.idempotencyKey) ?? charge(input);
      byKey.set(input.idempotencyKey, result);
      const token = "token" in input.source ? input.source.token : "";
      if (result instanceof GatewayError) throw result;
      if (token === "tok_timeout") {
        throw new GatewayError({
          code: "INDETERMINATE",
          isRetryable: false,
          message: "gateway unreachable: timed out",
        });
      }
      return { ...result };
    },
    getPayment: async (id) => ({ ...find(id) }),
    findPaymentByIdempotencyKey: async (key) => {
      const p = [...payments.values()].find((x) => x.idempotencyKey === key);
      return p ? { ...p } : null;
    },
    voidPayment: async ({ paymentId }) => {
      const p = find(paymentId);
      if (p.settledAt)
        throw new GatewayError({
          code: "CONFLICT",
          gatewayCode: "already_settled",
          status: 409,
          isRetryable: false,
          message: "already settled",
        });
      p.status = "voided";
      p.voidedAt ??= now();
      return { ...p };
    },
    refundPayment: async ({ paymentId, amountCents, idempotencyKey }) => {
      const replay = refundsByKey.get(idempotencyKey);
      if (replay) return replay;
      const p = find(paymentId);
      if (!p.settledAt)
        throw new GatewayError({
          code: "CONFLICT",
          gatewayCode: "not_settled",
          status: 409,
          isRetryable: false,
          message: "not settled",
        });
      if (p.refundedCents + amountCents > p.amountCents) {
        throw new GatewayError({
          code: "AMOUNT_EXCEEDS_REFUNDABLE",
          gatewayCode: "amount_exceeds_refundable",
          status: 422,
          isRetryable: false,
          message: "over refund",
        });
      }
      p.refundedCents += amountCents;
      p.status = p.refundedCents === p.amountCents ? "refunded" : "partially_refunded";
      const refund: TGatewayRefund = {
        id: `re_${randomUUID().replace(/-/g, "")}`,
        paymentId,
        amountCents,
        status: "succeeded",
        createdAt: now(),
      };
      refundsByKey.set(idempotencyKey, refund);
      return refund;
    },
  };
};
