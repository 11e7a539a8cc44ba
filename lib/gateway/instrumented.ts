import { isGatewayError } from "@/lib/gateway/errors";
import type { TGateway } from "@/lib/gateway/interface";
import { portalMetrics, secondsSince, type TPortalMetrics } from "@/lib/metrics/registry";

type TOperation = keyof TGateway;

/**
 * The gateway with every call timed into portal_gateway_request_duration_seconds and every
 * failure counted in portal_gateway_errors_total, by operation (the interface's method name)
 * and error code (a GatewayError's code; UNKNOWN for anything else). A declined payment is an
 * answer, not an error. The readiness probe's ping is left out: it would swamp the others.
 */
export const instrumentGateway = (
  inner: TGateway,
  metrics: Pick<TPortalMetrics, "gatewayDuration" | "gatewayErrors"> = portalMetrics(),
): TGateway => {
  const timed =
    <TArgs extends unknown[], TResult>(operation: TOperation, call: (...args: TArgs) => Promise<TResult>) =>
    async (...args: TArgs): Promise<TResult> => {
      const startedAt = performance.now();
      try {
        return await call(...args);
      } catch (error) {
        metrics.gatewayErrors.inc({ operation, code: isGatewayError(error) ? error.code : "UNKNOWN" });
        throw error;
      } finally {
        metrics.gatewayDuration.observe({ operation }, secondsSince(startedAt));
      }
    };
  return {
    createPayment: timed("createPayment", inner.createPayment),
    getPayment: timed("getPayment", inner.getPayment),
    findPaymentByIdempotencyKey: timed("findPaymentByIdempotencyKey", inner.findPaymentByIdempotencyKey),
    voidPayment: timed("voidPayment", inner.voidPayment),
    refundPayment: timed("refundPayment", inner.refundPayment),
    storePaymentMethod: timed("storePaymentMethod", inner.storePaymentMethod),
    storeBankAccount: timed("storeBankAccount", inner.storeBankAccount),
    getPaymentMethod: timed("getPaymentMethod", inner.getPaymentMethod),
    updatePaymentMethod: timed("updatePaymentMethod", inner.updatePaymentMethod),
    deletePaymentMethod: timed("deletePaymentMethod", inner.deletePaymentMethod),
    createApplePayMerchantSession: timed(
      "createApplePayMerchantSession",
      inner.createApplePayMerchantSession,
    ),
    listSettlementBatches: timed("listSettlementBatches", inner.listSettlementBatches),
    getSettlementBatch: timed("getSettlementBatch", inner.getSettlementBatch),
    ping: inner.ping,
  };
};
