import "server-only";
import { randomUUID } from "node:crypto";
import { readRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { getGateway, type TGateway, isGatewayError } from "@/lib/gateway";
import { gatewayUserError } from "@/lib/gateway/user-errors";

/**
 * What the pay pages need to offer Apple Pay and Google Pay (passed to the browser; nothing
 * secret). Settings, all optional:
 * - `WALLETS=off` hides both.
 * - `GOOGLE_PAY_ENVIRONMENT` TEST (default) or PRODUCTION; `GOOGLE_PAY_MERCHANT_ID` (required by
 *   Google in PRODUCTION); `GOOGLE_PAY_GATEWAY` and `GOOGLE_PAY_GATEWAY_MERCHANT_ID`, the
 *   processor's name registered with Google and the practice's id there (sandbox defaults).
 * - `WALLET_SIMULATOR=on|off`: in browsers without Apple Pay or Google Pay, offer the sandbox
 *   gateway's wallet simulator instead (default on, as long as the gateway is the sandbox; set it
 *   off in production, where the gateway serves no simulator).
 */
export type TWalletConfig = {
  isEnabled: boolean;
  useSimulator: boolean;
  googlePay: {
    environment: "TEST" | "PRODUCTION";
    merchantId: string | null;
    gateway: string;
    gatewayMerchantId: string;
  };
  /** The name on the Apple Pay and Google Pay sheets. */
  merchantName: string;
  countryCode: string;
  supportedNetworks: readonly ("visa" | "mastercard" | "amex" | "discover")[];
};

export const getWalletConfig = async (): Promise<TWalletConfig> => {
  const [practice] = await readRows<{ name: string }>(
    sql`SELECT name FROM "practice" ORDER BY "createdAt" LIMIT 1`,
  );
  return {
    isEnabled: process.env.WALLETS !== "off",
    useSimulator: process.env.WALLET_SIMULATOR !== "off",
    googlePay: {
      environment: process.env.GOOGLE_PAY_ENVIRONMENT === "PRODUCTION" ? "PRODUCTION" : "TEST",
      merchantId: process.env.GOOGLE_PAY_MERCHANT_ID || null,
      gateway: process.env.GOOGLE_PAY_GATEWAY || "portalsandbox",
      gatewayMerchantId: process.env.GOOGLE_PAY_GATEWAY_MERCHANT_ID || "sandbox_portal",
    },
    merchantName: (practice?.name ?? "Patient payments").slice(0, 64),
    countryCode: "US",
    supportedNetworks: ["visa", "mastercard", "amex", "discover"],
  };
};

/**
 * Apple Pay merchant validation: the browser's `onvalidatemerchant` gives a validation URL on
 * Apple's servers; the gateway (which holds the merchant identity certificate) asks Apple for a
 * merchant session, which goes back to the browser untouched. The domain is ours, from
 * NEXTAUTH_URL, never from the request.
 */
export const createApplePaySession = async ({
  validationUrl,
  gateway = getGateway(),
}: {
  validationUrl: string;
  gateway?: TGateway;
}) => {
  const { merchantName } = await getWalletConfig();
  try {
    return await gateway.createApplePayMerchantSession({
      validationUrl,
      domainName: new URL(env().NEXTAUTH_URL).hostname,
      displayName: merchantName,
      idempotencyKey: randomUUID(),
    });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    throw gatewayUserError(error, {
      otherwise: "Apple Pay isn't available right now. Please pay another way.",
      message: `apple pay merchant session: ${error.gatewayCode ?? error.code}`,
    });
  }
};
