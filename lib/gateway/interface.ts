import type {
  TApplePayMerchantSession,
  TGatewayPayment,
  TGatewayRefund,
  TGatewaySettlementBatch,
  TGatewaySettlementBatchDetail,
  TGatewayStoredMethod,
} from "@/lib/gateway/types";

/**
 * Apple Pay's payment token, exactly as `ApplePaySession`'s `onpaymentauthorized` gives it
 * (`event.payment.token`), passed on untouched (docs/gateway-api.md, "Wallets").
 */
export type TApplePayPaymentToken = {
  paymentData: { version: string; data: string; signature: string; header: Record<string, unknown> };
  paymentMethod: { displayName?: string | null; network?: string | null; type?: string | null };
  transactionIdentifier: string;
};

/**
 * Google Pay's `paymentMethodData`: `tokenizationData.token` (the encrypted payload, a JSON
 * string) and `info` (`cardNetwork`, `cardDetails` = last 4, …), passed on untouched.
 */
export type TGooglePayPaymentData = {
  token: string;
  info: { cardNetwork: string; cardDetails: string } & Record<string, unknown>;
};

export type TPaymentSource =
  | { token: string }
  | { storedMethodId: string }
  | { applePay: { token: TApplePayPaymentToken } }
  | { googlePay: TGooglePayPaymentData };

export type TCreatePaymentInput = {
  amountCents: number;
  currency: string;
  source: TPaymentSource;
  /** Our Payment row id. */
  reference: string;
  description?: string;
  /** Our Payment row id too: a retry of the same charge is the same key. */
  idempotencyKey: string;
  /**
   * Keep the method of a `token` source for later charges when the payment is approved: the
   * payment then carries `storedMethod` (null when declined). Not allowed with a stored source.
   * With a wallet: only Google Pay PAN_ONLY can be kept (as a card); Apple Pay and Google Pay
   * CRYPTOGRAM_3DS are refused (WALLET_NOT_STORABLE), nothing charged.
   */
  saveMethod?: boolean;
};

export type TStoreBankAccountInput = {
  /** 9 digits (ABA). */
  routingNumber: string;
  /** 4 to 17 digits: pass `BankAccountNumber.revealForVault()` here and nowhere else. */
  accountNumber: string;
  accountType: "checking" | "savings";
  /** The account holder, as the ACH debit names them. */
  holderName: string;
  /** `company` for a business account. */
  holderType: "individual" | "company";
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
  /**
   * Exchanges a single-use token for a stored method (the gateway's vault), after a $0
   * verification of a card: a card that would be declined is refused (CARD_DECLINED).
   */
  storePaymentMethod: (input: { token: string; idempotencyKey: string }) => Promise<TGatewayStoredMethod>;
  /**
   * Vaults a bank account from its numbers, server to server: for the one place the portal
   * receives them (the practice's autopay enrolment file). The answer is the stored method
   * (last 4, type, bank name): keep its id, never the numbers. Numbers the vault refuses are
   * INVALID_REQUEST. A retry with the same key replays the same method.
   */
  storeBankAccount: (input: TStoreBankAccountInput) => Promise<TGatewayStoredMethod>;
  getPaymentMethod: (methodId: string) => Promise<TGatewayStoredMethod>;
  /** A card's new expiry (the card number stays the same). */
  updatePaymentMethod: (input: {
    methodId: string;
    expMonth: number;
    expYear: number;
    idempotencyKey: string;
  }) => Promise<TGatewayStoredMethod>;
  /** Removes it from the vault: later charges with it are refused. Deleting a deleted one is fine. */
  deletePaymentMethod: (input: { methodId: string; idempotencyKey: string }) => Promise<void>;
  /**
   * Apple Pay merchant validation: the merchant session for `session.completeMerchantValidation`,
   * from `onvalidatemerchant`'s `event.validationURL`. Hand the answer to the browser untouched.
   */
  createApplePayMerchantSession: (input: {
    validationUrl: string;
    /** The host the pay page is served from (registered with Apple). */
    domainName: string;
    /** Shown on the Apple Pay sheet, e.g. the practice's name (at most 64 characters). */
    displayName: string;
    idempotencyKey: string;
  }) => Promise<TApplePayMerchantSession>;
  /**
   * The settlement batches (deposits) made since `createdSince` or after the batch
   * `startingAfter`, oldest first, at most `limit` (1-100, default 100) a page.
   */
  listSettlementBatches: (input: {
    createdSince?: Date;
    startingAfter?: string;
    limit?: number;
  }) => Promise<{ data: TGatewaySettlementBatch[]; hasMore: boolean }>;
  /** One batch with all its transactions (sales, refunds, returns, chargebacks). NOT_FOUND when unknown. */
  getSettlementBatch: (batchId: string) => Promise<TGatewaySettlementBatchDetail>;
  /**
   * The cheapest call there is (`GET /health`), for the readiness check: resolves when the
   * gateway answers within `timeoutMs`, else throws (a GatewayError, or the abort's error).
   */
  ping: (input: { timeoutMs: number }) => Promise<void>;
};
