import type { TGatewayPayment, TGatewayRefund } from "@/lib/gateway/types";

export type TPaymentSource = { token: string } | { storedMethodId: string };

export type TCreatePaymentInput = {
  amountCents: number;
  currency: string;
  source: TPaymentSource;
  /** Our Payment row id. */
  reference: string;
  description?: string;
  /** Our Payment row id too: a retry of the same charge is the same key. */
  idempotencyKey: string;
};

/**
 * What the portal needs from a payment processor. The HTTP client for the sandbox gateway is
 * one implementation; a real processor is another; `fake.ts` serves use-case tests.
 * Every mutating call carries an idempotency key; every answer is parsed.
 */
export type TGateway = {
  createPayment: (input: TCreatePaymentInput) => Promise<TGatewayPayment>;
  getPayment: (paymentId: string) => Promise<TGatewayPayment>;
  /** null when the gateway never saw the key (the charge did not happen). */
  findPaymentByIdempotencyKey: (idempotencyKey: string) => Promise<TGatewayPayment | null>;
  voidPayment: (input: { paymentId: string; idempotencyKey: string }) => Promise<TGatewayPayment>;
  refundPayment: (input: {
    paymentId: string;
    amountCents: number;
    reason: string;
    idempotencyKey: string;
  }) => Promise<TGatewayRefund>;
};
