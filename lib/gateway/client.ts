import { z } from "zod";
import { errorFromNetwork, errorFromResponse, GatewayError } from "@/lib/gateway/errors";
import type { TGateway, TPaymentSource } from "@/lib/gateway/interface";
import { nodeFetch, type TGatewayAnswer, type TGatewayFetch } from "@/lib/gateway/node-fetch";
import {
  ZApplePayMerchantSession,
  ZGatewayPayment,
  ZGatewayPaymentList,
  ZGatewayRefund,
  ZGatewaySettlementBatchDetail,
  ZGatewaySettlementBatchList,
  ZGatewaySettlementItemPage,
  ZGatewayStoredMethod,
} from "@/lib/gateway/types";

/**
 * The connection went away under the request (reset, broken pipe, refused): what a kept-alive
 * connection does when the other side closed it as the request left. Not a timeout.
 */
const isConnectionDrop = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ECONNRESET" || code === "EPIPE" || code === "ECONNREFUSED";
};

/** DELETE /v1/payment_methods/:id answers `{}`. */
const ZEmptyAnswer = z.object({});

export type THttpGatewayOptions = {
  baseUrl: string;
  apiKey: string;
  /** Per request; a charge that takes longer is INDETERMINATE, not failed. */
  timeoutMs?: number;
  /** How requests go out (lib/gateway/node-fetch.ts unless given; a test may give a stub or fetch). */
  fetch?: TGatewayFetch;
};

/** A payment source on the wire; the wallets' own objects go as the wallet gave them. */
export const sourceJson = (source: TPaymentSource) => {
  if ("token" in source) return { token: source.token };
  if ("storedMethodId" in source) return { stored_method_id: source.storedMethodId };
  if ("applePay" in source) return { apple_pay: { token: source.applePay.token } };
  return { google_pay: { token: source.googlePay.token, info: source.googlePay.info } };
};

/** The REST client for the gateway (docs/gateway-api.md). */
export const createHttpGateway = ({
  baseUrl,
  apiKey,
  timeoutMs = 15_000,
  fetch: fetchImpl = nodeFetch,
}: THttpGatewayOptions): TGateway => {
  const call = async <T extends z.ZodType>(
    schema: T,
    {
      method,
      path,
      body,
      idempotencyKey,
    }: { method: "GET" | "POST" | "DELETE"; path: string; body?: unknown; idempotencyKey?: string },
  ): Promise<z.output<T>> => {
    const isMutation = method !== "GET";
    const send = () =>
      fetchImpl(new URL(path, baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    let response: TGatewayAnswer;
    try {
      response = await send().catch((cause: unknown) => {
        // A kept-alive connection the gateway had just closed: sent again once, at once. Safe for a
        // read, and for a change because it carries its idempotency key (the gateway answers a
        // repeat with the first answer and never charges twice); a change without one is not resent.
        if (isConnectionDrop(cause) && (!isMutation || idempotencyKey)) return send();
        throw cause;
      });
    } catch (cause) {
      throw errorFromNetwork({ cause, isMutation });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      if (!response.ok) throw errorFromResponse({ status: response.status, body: null, isMutation });
      throw errorFromNetwork({ cause, isMutation });
    }
    if (!response.ok) throw errorFromResponse({ status: response.status, body: json, isMutation });
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // The money may have moved even though we cannot read the answer.
      throw new GatewayError({
        code: isMutation ? "INDETERMINATE" : "UNKNOWN",
        status: response.status,
        isRetryable: false,
        message: `gateway answer did not match the contract: ${parsed.error.message.slice(0, 300)}`,
      });
    }
    return parsed.data;
  };

  const methodPath = (methodId: string) => `/v1/payment_methods/${encodeURIComponent(methodId)}`;

  return {
    createPayment: ({ amountCents, currency, source, reference, description, idempotencyKey, saveMethod }) =>
      call(ZGatewayPayment, {
        method: "POST",
        path: "/v1/payments",
        idempotencyKey,
        body: {
          amount_cents: amountCents,
          currency,
          source: sourceJson(source),
          reference,
          ...(description ? { description } : {}),
          // Sent only when asked, so a plain charge's body (and its idempotency fingerprint) is unchanged.
          ...(saveMethod ? { save_method: true } : {}),
        },
      }),
    getPayment: (paymentId) =>
      call(ZGatewayPayment, { method: "GET", path: `/v1/payments/${encodeURIComponent(paymentId)}` }),
    findPaymentByIdempotencyKey: async (idempotencyKey) => {
      const list = await call(ZGatewayPaymentList, {
        method: "GET",
        path: `/v1/payments?idempotency_key=${encodeURIComponent(idempotencyKey)}`,
      });
      return list.data[0] ?? null;
    },
    voidPayment: ({ paymentId, idempotencyKey }) =>
      call(ZGatewayPayment, {
        method: "POST",
        path: `/v1/payments/${encodeURIComponent(paymentId)}/void`,
        idempotencyKey,
        body: {},
      }),
    refundPayment: ({ paymentId, amountCents, reason, idempotencyKey }) =>
      call(ZGatewayRefund, {
        method: "POST",
        path: `/v1/payments/${encodeURIComponent(paymentId)}/refunds`,
        idempotencyKey,
        body: { amount_cents: amountCents, reason },
      }),
    storePaymentMethod: ({ token, idempotencyKey }) =>
      call(ZGatewayStoredMethod, {
        method: "POST",
        path: "/v1/payment_methods",
        idempotencyKey,
        body: { token },
      }),
    storeBankAccount: ({
      routingNumber,
      accountNumber,
      accountType,
      holderName,
      holderType,
      idempotencyKey,
    }) =>
      call(ZGatewayStoredMethod, {
        method: "POST",
        path: "/v1/payment_methods",
        idempotencyKey,
        body: {
          bank_account: {
            routing_number: routingNumber,
            account_number: accountNumber,
            account_type: accountType,
            account_holder_name: holderName,
            account_holder_type: holderType,
          },
        },
      }),
    getPaymentMethod: (methodId) => call(ZGatewayStoredMethod, { method: "GET", path: methodPath(methodId) }),
    updatePaymentMethod: ({ methodId, expMonth, expYear, idempotencyKey }) =>
      call(ZGatewayStoredMethod, {
        method: "POST",
        path: methodPath(methodId),
        idempotencyKey,
        body: { exp_month: expMonth, exp_year: expYear },
      }),
    deletePaymentMethod: async ({ methodId, idempotencyKey }) => {
      await call(ZEmptyAnswer, { method: "DELETE", path: methodPath(methodId), idempotencyKey });
    },
    createApplePayMerchantSession: ({ validationUrl, domainName, displayName, idempotencyKey }) =>
      call(ZApplePayMerchantSession, {
        method: "POST",
        path: "/v1/apple_pay/merchant_sessions",
        idempotencyKey,
        body: { validation_url: validationUrl, domain_name: domainName, display_name: displayName },
      }),
    listSettlementBatches: ({ createdSince, startingAfter, limit }) => {
      const query = new URLSearchParams();
      if (createdSince) query.set("created_since", createdSince.toISOString());
      if (startingAfter) query.set("starting_after", startingAfter);
      if (limit !== undefined) query.set("limit", String(limit));
      const qs = query.toString();
      return call(ZGatewaySettlementBatchList, {
        method: "GET",
        path: `/v1/settlement-batches${qs ? `?${qs}` : ""}`,
      });
    },
    getSettlementBatch: async (batchId) => {
      const path = `/v1/settlement-batches/${encodeURIComponent(batchId)}`;
      const { transactions, ...batch } = await call(ZGatewaySettlementBatchDetail, { method: "GET", path });
      const items = [...transactions.data];
      let hasMore = transactions.hasMore;
      while (hasMore) {
        const after = items.at(-1)?.id ?? "";
        const page = await call(ZGatewaySettlementItemPage, {
          method: "GET",
          path: `${path}/transactions?starting_after=${encodeURIComponent(after)}`,
        });
        items.push(...page.data);
        hasMore = page.hasMore && page.data.length > 0;
      }
      return { ...batch, transactions: items };
    },
    ping: async ({ timeoutMs: pingTimeoutMs }) => {
      let response: TGatewayAnswer;
      try {
        response = await fetchImpl(new URL("/health", baseUrl), {
          method: "GET",
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(pingTimeoutMs),
        });
      } catch (cause) {
        throw errorFromNetwork({ cause, isMutation: false });
      }
      if (!response.ok) throw errorFromResponse({ status: response.status, body: null, isMutation: false });
    },
  };
};
