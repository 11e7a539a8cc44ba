import "server-only";
import { DEFAULT_GATEWAY_URL, env, secrets } from "@/lib/env";
import { createHttpGateway } from "@/lib/gateway/client";
import { instrumentGateway } from "@/lib/gateway/instrumented";
import type { TGateway } from "@/lib/gateway/interface";

export type { TGateway } from "@/lib/gateway/interface";
export { GatewayError, isGatewayError } from "@/lib/gateway/errors";

const globalForGateway = globalThis as unknown as { __portalGateway?: TGateway };

/**
 * The gateway of this process: the HTTP client for GATEWAY_URL (the sandbox by default), each
 * call timed and each failure counted for /api/metrics (instrumentGateway).
 */
export const getGateway = (): TGateway => {
  globalForGateway.__portalGateway ??= instrumentGateway(
    createHttpGateway({
      baseUrl: env().GATEWAY_URL ?? DEFAULT_GATEWAY_URL,
      apiKey: secrets().gatewayApiKey,
      timeoutMs: env().GATEWAY_TIMEOUT_MS,
    }),
  );
  return globalForGateway.__portalGateway;
};

/** Use-case tests install the fake (or a client for a test gateway). */
export const setGatewayForTests = (gateway: TGateway | undefined) => {
  globalForGateway.__portalGateway = gateway;
};
