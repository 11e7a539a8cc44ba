import { createHash, randomUUID } from "node:crypto";
import { GatewayError, type TGatewayErrorCode, isGatewayError } from "@/lib/gateway/errors";
import type {
  TCreatePaymentInput,
  TGateway,
  TPaymentSource,
  TStoreBankAccountInput,
} from "@/lib/gateway/interface";
import type {
  TGatewayDeclineCode,
  TGatewayPayment,
  TGatewayRefund,
  TGatewaySettlementBatchDetail,
  TGatewaySettlementItem,
  TGatewayStoredMethod,
} from "@/lib/gateway/types";

/**
 * An in-memory gateway for use-case tests (never used by the app). Tokens name their outcome:
 * `tok_ok_<brand>_<last4>` (e.g. `tok_ok_visa_1111`), `tok_decline_<code>`,
 * `tok_processor_error`, `tok_timeout` (approves, then fails as INDETERMINATE, as a lost
 * response would), and `tok_ach_<checking|savings>_<last4>` for a bank account (routing
 * 011000015). Replays by idempotency key return the first result, as the real gateway does.
 *
 * Stored methods behave as the sandbox gateway's vault: storing a token keeps its outcome, so
 * `storePaymentMethod({ token: "tok_ok_visa_4242" })` gives a `pm_…` whose charges approve with
 * visa 4242; storing a `tok_decline_<code>` is refused (CARD_DECLINED with that decline code);
 * `tok_processor_error` and `tok_timeout` store fine and their charges fail as those tokens'
 * do; a deleted or unknown method is refused (PAYMENT_METHOD_NOT_FOUND). Unlike the real
 * gateway, tokens are not single use here.
 *
 * Bank accounts sent server to server (`storeBankAccount`): a routing number that fails the ABA
 * checksum or an account number that is not 4-17 digits is INVALID_REQUEST; any other is stored
 * (last 4, type, the bank's name for 011000015 and 021000021) and its charges approve. The fake
 * keeps no number either, only the last 4.
 * Fingerprints: the same token, or the same routing and account number, give the same one.
 *
 * Wallets: a fake wallet payload names its outcome with the same grammar, wrapped as the
 * wallet would wrap it; build one with `fakeApplePaySource("tok_ok_visa_1111")` or
 * `fakeGooglePaySource("tok_decline_insufficient_funds", "PAN_ONLY")`. The payment's method is
 * the wallet's kind with the token's brand and last 4. `saveMethod` is refused for Apple Pay and
 * Google Pay CRYPTOGRAM_3DS (WALLET_NOT_STORABLE, nothing charged) and keeps a PAN_ONLY card as
 * a stored card. Any other wallet payload is INVALID_TOKEN (`wallet_token_invalid`).
 */
export type TFakeStoredMethod = {
  method: TGatewayStoredMethod;
  /** The token it was stored from: its outcome is the method's. */
  token: string;
  deletedAt: Date | null;
};

export type TFakeGateway = TGateway & {
  payments: Map<string, TGatewayPayment>;
  /** The vault, deleted methods included. */
  storedMethods: Map<string, TFakeStoredMethod>;
  /** How many charges the fake actually made (replays excluded). */
  chargeCount: () => number;
  /**
   * Settles every approved payment not settled yet and, as the sandbox does, deposits them with
   * the refunds made since the previous batch in a settlement batch (returned; null when there
   * was nothing to deposit). Effective the next weekday after the settlement's UTC day.
   */
  settleAll: () => TGatewaySettlementBatchDetail | null;
  /** The settlement batches, oldest first; tests may add their own (unknown payments, chargebacks). */
  settlementBatches: TGatewaySettlementBatchDetail[];
};

/** What a token (or the token a method was stored from) stands for. */
type TTokenFacts = Pick<
  TGatewayStoredMethod,
  "kind" | "brand" | "last4" | "expMonth" | "expYear" | "bankName" | "bankAccountType" | "billingZip"
> & { declineCode: TGatewayDeclineCode | null };

const tokenFacts = (token: string): TTokenFacts => {
  const decline = /^tok_decline_(\w+)$/.exec(token)?.[1] as TGatewayDeclineCode | undefined;
  if (decline) {
    return {
      kind: "card",
      brand: "visa",
      last4: "0002",
      expMonth: 12,
      expYear: 2030,
      bankName: null,
      bankAccountType: null,
      billingZip: "19103",
      declineCode: decline,
    };
  }
  const ach = /^tok_ach_(checking|savings)_(\d{4})$/.exec(token);
  if (ach) {
    return {
      kind: "ach",
      brand: null,
      last4: ach[2]!,
      expMonth: null,
      expYear: null,
      bankName: "Federal Reserve Bank of Boston",
      bankAccountType: ach[1] as "checking" | "savings",
      billingZip: null,
      declineCode: null,
    };
  }
  const [, , brand = "visa", last4 = "1111"] = token.startsWith("tok_ok_") ? token.split("_") : [];
  return {
    kind: "card",
    brand,
    last4,
    expMonth: 12,
    expYear: 2030,
    bankName: null,
    bankAccountType: null,
    billingZip: "19103",
    declineCode: null,
  };
};

/** The ABA checksum over 9 digits (the sandbox gateway's rule). */
const isAbaValid = (routing: string) => {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
};

const FAKE_BANK_NAMES: Record<string, string> = {
  "011000015": "Federal Reserve Bank of Boston",
  "021000021": "JPMorgan Chase Bank, N.A.",
};

type TWalletSource = Extract<TPaymentSource, { applePay: unknown } | { googlePay: unknown }>;

/** An Apple Pay source whose payment data names its outcome (a fake token, e.g. `tok_ok_visa_1111`). */
export const fakeApplePaySource = (outcomeToken: string): TWalletSource => {
  const { brand, last4 } = tokenFacts(outcomeToken);
  const network = { visa: "Visa", mastercard: "MasterCard", amex: "AmEx", discover: "Discover" }[
    brand ?? "visa"
  ];
  return {
    applePay: {
      token: {
        paymentData: { version: "EC_v1", data: outcomeToken, signature: "fake", header: {} },
        paymentMethod: { displayName: `${network} ${last4}`, network, type: "credit" },
        transactionIdentifier: `FAKE${randomUUID().replace(/-/g, "").toUpperCase()}`,
      },
    },
  };
};

/** A Google Pay source whose token names its outcome; CRYPTOGRAM_3DS (a device token) by default. */
export const fakeGooglePaySource = (
  outcomeToken: string,
  authMethod: "PAN_ONLY" | "CRYPTOGRAM_3DS" = "CRYPTOGRAM_3DS",
): TWalletSource => {
  const { brand, last4 } = tokenFacts(outcomeToken);
  return {
    googlePay: {
      token: JSON.stringify({ fake: outcomeToken, authMethod }),
      info: { cardNetwork: (brand ?? "visa").toUpperCase(), cardDetails: last4 },
    },
  };
};

/** The fake token inside a fake wallet payload, and what the wallet allows to keep; null when not fake. */
const walletFacts = (
  source: TWalletSource,
): { kind: "apple_pay" | "google_pay"; token: string; isStorable: boolean } | null => {
  if ("applePay" in source) {
    const { data } = source.applePay.token.paymentData;
    return data.startsWith("tok_") ? { kind: "apple_pay", token: data, isStorable: false } : null;
  }
  try {
    const parsed = JSON.parse(source.googlePay.token) as { fake?: unknown; authMethod?: unknown };
    if (typeof parsed.fake !== "string" || !parsed.fake.startsWith("tok_")) return null;
    return { kind: "google_pay", token: parsed.fake, isStorable: parsed.authMethod === "PAN_ONLY" };
  } catch {
    return null;
  }
};

const fail = (code: TGatewayErrorCode, gatewayCode: string, status: number, message: string) =>
  new GatewayError({ code, gatewayCode, status, isRetryable: false, message });

/** Through the last day of its month, as the gateway reads a card's expiry. */
const isExpired = ({ month, year }: { month: number; year: number }, now: Date) =>
  year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;

export const createFakeGateway = ({ now = () => new Date() }: { now?: () => Date } = {}): TFakeGateway => {
  const payments = new Map<string, TGatewayPayment>();
  const byKey = new Map<string, TGatewayPayment | GatewayError>();
  const refundsByKey = new Map<string, TGatewayRefund>();
  const storedMethods = new Map<string, TFakeStoredMethod>();
  const storesByKey = new Map<string, TGatewayStoredMethod | GatewayError>();
  const settlementBatches: TGatewaySettlementBatchDetail[] = [];
  /** Refunds not in a batch yet. */
  let unbatchedRefunds: TGatewayRefund[] = [];
  /** payment id → the method it saved (save_method). */
  const savedBy = new Map<string, string>();
  let charges = 0;

  const find = (id: string) => {
    const p = payments.get(id);
    if (!p) throw fail("NOT_FOUND", "not_found", 404, "no such payment");
    return p;
  };

  const liveMethod = (id: string) => {
    const stored = storedMethods.get(id);
    return stored && !stored.deletedAt ? stored : undefined;
  };

  /** A payment as the gateway shows it now: the method it saved, unless since deleted. */
  const view = (p: TGatewayPayment): TGatewayPayment => {
    const savedId = savedBy.get(p.id);
    const saved = savedId ? liveMethod(savedId) : undefined;
    return { ...p, storedMethod: saved ? { ...saved.method } : null };
  };

  /** As the gateway's: the same card or account, the same value (the fake's: unkeyed). */
  const fingerprintOf = (identity: string) =>
    `fp_${createHash("sha256").update(`fake:${identity}`).digest("base64url").slice(0, 24)}`;

  const keep = (token: string, facts: TTokenFacts, identity = token): TGatewayStoredMethod => {
    const { declineCode: _declineCode, ...display } = facts;
    const method: TGatewayStoredMethod = {
      id: `pm_${randomUUID().replace(/-/g, "")}`,
      ...display,
      fingerprint: fingerprintOf(identity),
      createdAt: now(),
    };
    storedMethods.set(method.id, { method, token, deletedAt: null });
    return method;
  };

  /** The token whose outcome a charge follows: the source's, the wallet's or the stored method's. */
  const outcomeToken = (input: TCreatePaymentInput) => {
    if ("token" in input.source) return input.source.token;
    if ("storedMethodId" in input.source) return liveMethod(input.source.storedMethodId)?.token ?? null;
    return walletFacts(input.source)?.token ?? null;
  };

  const charge = (input: TCreatePaymentInput): TGatewayPayment | GatewayError => {
    let token: string;
    let facts: TTokenFacts;
    let methodKind: TGatewayPayment["method"]["kind"];
    if ("applePay" in input.source || "googlePay" in input.source) {
      const wallet = walletFacts(input.source);
      if (!wallet) {
        return fail("INVALID_TOKEN", "wallet_token_invalid", 400, "not a wallet token the fake issued");
      }
      if (input.saveMethod && !wallet.isStorable) {
        return fail(
          "WALLET_NOT_STORABLE",
          "wallet_method_not_storable",
          400,
          "this wallet method cannot be stored",
        );
      }
      token = wallet.token;
      facts = tokenFacts(token);
      methodKind = wallet.kind;
    } else if ("storedMethodId" in input.source) {
      if (input.saveMethod) {
        return fail("INVALID_REQUEST", "invalid_request", 400, "save_method only with a token source");
      }
      const stored = liveMethod(input.source.storedMethodId);
      if (!stored) {
        return fail(
          "PAYMENT_METHOD_NOT_FOUND",
          "payment_method_not_found",
          404,
          "no such stored payment method",
        );
      }
      token = stored.token;
      const { method } = stored;
      const isCardExpired =
        method.expMonth !== null &&
        method.expYear !== null &&
        isExpired({ month: method.expMonth, year: method.expYear }, now());
      facts = { ...method, declineCode: isCardExpired ? "expired_card" : tokenFacts(token).declineCode };
      methodKind = facts.kind;
    } else {
      token = input.source.token;
      facts = tokenFacts(token);
      methodKind = facts.kind;
    }
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
    const decline = facts.declineCode;
    const payment: TGatewayPayment = {
      id: `pay_${randomUUID().replace(/-/g, "")}`,
      status: decline ? "declined" : "approved",
      amountCents: input.amountCents,
      currency: input.currency,
      refundedCents: 0,
      authorizationCode: decline || facts.kind === "ach" ? null : "FAKE01",
      declineCode: decline,
      declineMessage: decline ? `Declined: ${decline.replace(/_/g, " ")}` : null,
      method: {
        kind: methodKind,
        brand: facts.brand,
        last4: facts.last4,
        expMonth: facts.expMonth,
        expYear: facts.expYear,
      },
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      settledAt: null,
      voidedAt: null,
      returnedAt: null,
      returnCode: null,
      storedMethod: null,
      createdAt: now(),
    };
    payments.set(payment.id, payment);
    if (input.saveMethod && !decline) {
      const saved = keep(token, facts);
      savedBy.set(payment.id, saved.id);
      payment.storedMethod = saved;
    }
    return payment;
  };

  const store = (token: string): TGatewayStoredMethod | GatewayError => {
    const facts = tokenFacts(token);
    if (facts.declineCode) {
      return new GatewayError({
        code: "CARD_DECLINED",
        gatewayCode: "card_declined",
        status: 402,
        isRetryable: false,
        message: `gateway answered 402 card_declined ${facts.declineCode}`,
        declineCode: facts.declineCode,
      });
    }
    return keep(token, facts);
  };

  const storeBank = ({
    routingNumber,
    accountNumber,
    accountType,
  }: Pick<TStoreBankAccountInput, "routingNumber" | "accountNumber" | "accountType">) => {
    if (!isAbaValid(routingNumber) || !/^\d{4,17}$/.test(accountNumber)) {
      return fail("INVALID_REQUEST", "invalid_request", 400, "gateway answered 400 invalid_request");
    }
    const last4 = accountNumber.slice(-4);
    return keep(
      `tok_ach_${accountType}_${last4}`,
      {
        kind: "ach",
        brand: null,
        last4,
        expMonth: null,
        expYear: null,
        bankName: FAKE_BANK_NAMES[routingNumber] ?? null,
        bankAccountType: accountType,
        billingZip: null,
        declineCode: null,
      },
      `${routingNumber}:${accountNumber}`,
    );
  };

  return {
    payments,
    storedMethods,
    chargeCount: () => charges,
    settlementBatches,
    settleAll: () => {
      const at = now();
      const items: TGatewaySettlementItem[] = [];
      const item = (fields: Omit<TGatewaySettlementItem, "id">) =>
        items.push({ id: `sbi_${randomUUID().replace(/-/g, "")}`, ...fields });
      for (const p of payments.values()) {
        if (p.status !== "approved" || p.settledAt) continue;
        p.settledAt = at;
        item({ kind: "sale", paymentId: p.id, refundId: null, amountCents: p.amountCents });
      }
      for (const r of unbatchedRefunds) {
        item({ kind: "refund", paymentId: r.paymentId, refundId: r.id, amountCents: r.amountCents });
      }
      unbatchedRefunds = [];
      if (items.length === 0) return null;
      const total = (kind: TGatewaySettlementItem["kind"]) => {
        const of = items.filter((i) => i.kind === kind);
        return { count: of.length, amountCents: of.reduce((sum, i) => sum + i.amountCents, 0) };
      };
      const effective = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
      do effective.setUTCDate(effective.getUTCDate() + 1);
      while (effective.getUTCDay() === 0 || effective.getUTCDay() === 6);
      const sales = total("sale");
      const refunds = total("refund");
      const batch: TGatewaySettlementBatchDetail = {
        id: `sb_${randomUUID().replace(/-/g, "")}`,
        merchantId: "sandbox_portal",
        traceNumber: `01100001${String(settlementBatches.length + 1).padStart(7, "0")}`,
        effectiveDate: effective,
        settledAt: at,
        currency: "USD",
        itemCount: items.length,
        sales,
        refunds,
        returns: total("return"),
        chargebacks: total("chargeback"),
        netCents: sales.amountCents - refunds.amountCents,
        createdAt: at,
        transactions: items,
      };
      settlementBatches.push(batch);
      return structuredClone(batch);
    },
    listSettlementBatches: async ({ createdSince, startingAfter, limit = 100 }) => {
      let from = 0;
      if (startingAfter) {
        from = settlementBatches.findIndex((b) => b.id === startingAfter) + 1;
        if (from === 0) throw fail("INVALID_REQUEST", "invalid_request", 400, "no such batch");
      }
      const matching = settlementBatches
        .slice(from)
        .filter((b) => !createdSince || b.createdAt.getTime() >= createdSince.getTime());
      return {
        data: matching.slice(0, limit).map(({ transactions: _items, ...b }) => structuredClone(b)),
        hasMore: matching.length > limit,
      };
    },
    ping: async () => {},
    getSettlementBatch: async (batchId) => {
      const batch = settlementBatches.find((b) => b.id === batchId);
      if (!batch) throw fail("NOT_FOUND", "not_found", 404, "no such settlement batch");
      return structuredClone(batch);
    },
    createPayment: async (input) => {
      const result = byKey.get(input.idempotencyKey) ?? charge(input);
      byKey.set(input.idempotencyKey, result);
      if (isGatewayError(result)) throw result;
      if (outcomeToken(input) === "tok_timeout") {
        throw new GatewayError({
          code: "INDETERMINATE",
          isRetryable: false,
          message: "gateway unreachable: timed out",
        });
      }
      return view(result);
    },
    getPayment: async (id) => view(find(id)),
    findPaymentByIdempotencyKey: async (key) => {
      const p = [...payments.values()].find((x) => x.idempotencyKey === key);
      return p ? view(p) : null;
    },
    voidPayment: async ({ paymentId }) => {
      const p = find(paymentId);
      if (p.settledAt) throw fail("CONFLICT", "already_settled", 409, "already settled");
      p.status = "voided";
      p.voidedAt ??= now();
      return view(p);
    },
    refundPayment: async ({ paymentId, amountCents, idempotencyKey }) => {
      const replay = refundsByKey.get(idempotencyKey);
      if (replay) return replay;
      const p = find(paymentId);
      if (!p.settledAt) throw fail("CONFLICT", "not_settled", 409, "not settled");
      if (p.refundedCents + amountCents > p.amountCents) {
        throw fail("AMOUNT_EXCEEDS_REFUNDABLE", "amount_exceeds_refundable", 422, "over refund");
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
      unbatchedRefunds.push(refund);
      return refund;
    },
    storePaymentMethod: async ({ token, idempotencyKey }) => {
      const result = storesByKey.get(idempotencyKey) ?? store(token);
      storesByKey.set(idempotencyKey, result);
      if (isGatewayError(result)) throw result;
      return { ...result };
    },
    storeBankAccount: async (input) => {
      const result = storesByKey.get(input.idempotencyKey) ?? storeBank(input);
      storesByKey.set(input.idempotencyKey, result);
      if (isGatewayError(result)) throw result;
      return { ...result };
    },
    getPaymentMethod: async (methodId) => {
      const stored = liveMethod(methodId);
      if (!stored) throw fail("NOT_FOUND", "not_found", 404, "no such payment method");
      return { ...stored.method };
    },
    updatePaymentMethod: async ({ methodId, expMonth, expYear }) => {
      const stored = liveMethod(methodId);
      if (!stored) throw fail("NOT_FOUND", "not_found", 404, "no such payment method");
      const today = now();
      const isValid =
        stored.method.kind === "card" &&
        Number.isInteger(expMonth) &&
        expMonth >= 1 &&
        expMonth <= 12 &&
        Number.isInteger(expYear) &&
        !isExpired({ month: expMonth, year: expYear }, today) &&
        expYear <= today.getUTCFullYear() + 20;
      if (!isValid) throw fail("INVALID_REQUEST", "invalid_request", 400, "not a valid card expiry");
      stored.method = { ...stored.method, expMonth, expYear };
      return { ...stored.method };
    },
    deletePaymentMethod: async ({ methodId }) => {
      const stored = storedMethods.get(methodId);
      if (!stored) throw fail("NOT_FOUND", "not_found", 404, "no such payment method");
      stored.deletedAt ??= now();
    },
    createApplePayMerchantSession: async ({ validationUrl, domainName, displayName }) => {
      let host = "";
      try {
        const url = new URL(validationUrl);
        host = url.protocol === "https:" ? url.hostname : "";
      } catch {
        host = "";
      }
      if (!/^(cn-)?apple-pay-gateway(-[a-z0-9-]+)?\.apple\.com$/.test(host)) {
        throw fail("APPLE_PAY_NOT_ALLOWED", "invalid_validation_url", 400, "not an Apple Pay gateway URL");
      }
      const epochTimestamp = now().getTime();
      return {
        epochTimestamp,
        expiresAt: epochTimestamp + 5 * 60_000,
        merchantSessionIdentifier: `SSH${randomUUID().replace(/-/g, "").toUpperCase()}_FAKE`,
        nonce: randomUUID().slice(0, 8),
        merchantIdentifier: "FAKE",
        domainName,
        displayName,
        signature: "fake",
      };
    },
  };
};
