// The sandbox gateway as a library: the server factory (tests, scripts) and the webhook signature helpers.
export { createGatewayServer, TOKEN_TTL_MS, IDEMPOTENCY_TTL_MS } from "./server";
export type { TGatewayOptions, TGatewayServer } from "./server";
export { gatewayOptionsFromEnv } from "./config";
export { createManualClock, systemClock } from "./clock";
export type { TClock, TManualClock } from "./clock";
export {
  verifyGatewaySignature,
  signGatewayPayload,
  SIGNATURE_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
} from "./signature";
export type { TVerifyResult } from "./signature";
export type { TPaymentJson, TStoredMethodJson } from "./store";
