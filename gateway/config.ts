import { z } from "zod";
import { parseCutoff } from "./cutoff";
import type { TGatewayOptions } from "./server";

const list = (value: string) =>
  value
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);

const ZGatewayEnv = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  /** The interface to listen on: this machine only unless told (0.0.0.0 for every interface). */
  GATEWAY_HOST: z.string().min(1).default("127.0.0.1"),
  GATEWAY_DATA_DIR: z.string().min(1).default(".data/gateway"),
  GATEWAY_API_KEY: z.string().min(8).default("sk_sandbox_portal"),
  GATEWAY_PUBLISHABLE_KEY: z.string().min(8).default("pk_sandbox_portal"),
  GATEWAY_ALLOWED_ORIGINS: z
    .string()
    .default("http://localhost:3000")
    .refine((v) => list(v).every((o) => URL.canParse(o)), "a comma-separated list of origins"),
  GATEWAY_WEBHOOK_URL: z.url().optional(),
  /** One secret, or while rotating `new,old`: each webhook then carries a signature for each. */
  GATEWAY_WEBHOOK_SECRET: z
    .string()
    .default("whsec_sandbox_portal")
    .refine(
      (v) => list(v).length > 0 && list(v).every((s) => s.length >= 8),
      "secrets of 8 characters or more",
    ),
  GATEWAY_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  GATEWAY_SETTLEMENT_CUTOFF: z.string().optional(),
  /** The wallet simulator page (sandbox Apple Pay / Google Pay sheets): `on` or `off`. */
  GATEWAY_WALLET_SIMULATOR: z.enum(["on", "off"]).default("on"),
  /** The Apple Pay merchant identifier named (hashed) in merchant sessions. */
  GATEWAY_APPLE_MERCHANT_ID: z.string().min(1).default("merchant.portal.sandbox"),
});

/** The gateway's options from the environment (GATEWAY_*); an empty variable counts as unset. */
export const gatewayOptionsFromEnv = (
  env: Record<string, string | undefined> = process.env,
): TGatewayOptions => {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith("GATEWAY_") && v !== ""),
  );
  const parsed = ZGatewayEnv.safeParse(present);
  if (!parsed.success) {
    throw new Error(
      `Invalid gateway configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const e = parsed.data;
  return {
    port: e.GATEWAY_PORT,
    host: e.GATEWAY_HOST,
    dataDir: e.GATEWAY_DATA_DIR,
    apiKey: e.GATEWAY_API_KEY,
    publishableKey: e.GATEWAY_PUBLISHABLE_KEY,
    allowedOrigins: list(e.GATEWAY_ALLOWED_ORIGINS),
    webhookUrl: e.GATEWAY_WEBHOOK_URL ?? null,
    webhookSecrets: list(e.GATEWAY_WEBHOOK_SECRET),
    latencyMs: e.GATEWAY_LATENCY_MS,
    settlementCutoff: parseCutoff(e.GATEWAY_SETTLEMENT_CUTOFF),
    walletSimulator: e.GATEWAY_WALLET_SIMULATOR === "on",
    appleMerchantId: e.GATEWAY_APPLE_MERCHANT_ID,
  };
};
