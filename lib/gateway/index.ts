import "server-only";
import { createHttpGateway } from "@/lib/gateway/client";
import type { TGateway } from "@/lib/gateway/interface";

export type { TGateway } from "@/lib/gateway/interface";
export { GatewayError, isGatewayError } from "@/lib/gateway/errors";

const globalForGateway = globalThis as unknown as { __portalGateway?: TGateway };

/** The gateway of this process: the HTTP client for GATEWAY_URL (the sandbox by default). */
export const getGateway = (): TGateway => {
  globalForGateway.__portalGateway ??= createHttpGateway({
    baseUrl: process.env.GATEWAY_URL ?? "http://localhost:4000",
    apiKey: process.env.GATEWAY_API_KEY ?? "sk_sandbox_portal",
    timeoutMs: Number(process.env.GATEWAY_TIMEOUT_MS ?? 15_000),
  });
  return globalForGateway.__portalGateway;
};

/** Use-case tests install the fake (or a client for a test gateway). */
export const setGatewayForTests = (gateway: TGateway | undefined) => {
  globalForGateway.__portalGateway = gateway;
};
