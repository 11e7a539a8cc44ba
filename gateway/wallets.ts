import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { MINUTE_MS } from "./clock";
import type { TContext } from "./context";
import type { TSql } from "./db";
import { fail, ok, type TResult } from "./http";
import type { TSingleUse } from "./store";
import { cardOutcome, type TOutcome } from "./test-numbers";
import { spentOrExpired } from "./tokens";

/**
 * Apple Pay and Google Pay (docs/gateway-api.md, "Wallets"). A real gateway decrypts the
 * wallet's payload with its keys (Apple's payment processing certificate, Google's ECv2
 * recipient key). The sandbox has no such keys, so it accepts only the sandbox wallet tokens its
 * own wallet simulator minted: the same envelopes Apple and Google hand the page, whose
 * "ciphertext" is a sandbox message naming a row of gw_wallet_token, signed with HMAC-SHA256
 * under a secret that never leaves the gateway (kept in gw_meta, so it survives a restart).
 * Anything else, a real payload included, is `400 wallet_token_invalid`.
 */

export type TWalletKind = "apple_pay" | "google_pay";
export type TGoogleAuthMethod = "PAN_ONLY" | "CRYPTOGRAM_3DS";

export const WALLET_TOKEN_TTL_MS = 15 * MINUTE_MS;
/** The Google Pay `gateway` parameter naming this gateway in `tokenizationSpecification`. */
export const GOOGLE_PAY_GATEWAY_NAME = "portalsandbox";
/** Apple's merchant sessions are usable for 5 minutes. */
export const MERCHANT_SESSION_TTL_MS = 5 * MINUTE_MS;

/**
 * The cards the simulator offers, by id. The page and its token request name only the id: the
 * number stays here. Each one's outcome is its test number's (docs/product.md §4).
 */
export const SIMULATOR_CARDS = [
  { id: "visa", number: "4111111111111111", brand: "visa", result: "Approved" },
  { id: "mastercard", number: "5555555555554444", brand: "mastercard", result: "Approved" },
  { id: "amex", number: "378282246310005", brand: "amex", result: "Approved" },
  { id: "discover", number: "6011111111111117", brand: "discover", result: "Approved" },
  { id: "declined", number: "4000000000000002", brand: "visa", result: "Declined" },
  {
    id: "insufficient_funds",
    number: "4000000000009995",
    brand: "visa",
    result: "Declined: insufficient funds",
  },
  { id: "expired_card", number: "4000000000000069", brand: "visa", result: "Declined: expired card" },
  {
    id: "processor_error",
    number: "4000000000000119",
    brand: "visa",
    result: "Processor error (nothing charged)",
  },
] as const;

export type TSimulatorCardId = (typeof SIMULATOR_CARDS)[number]["id"];

export const BRAND_NAMES: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
};
/** Google's `cardNetwork` and Apple's `paymentMethod.network` for each brand. */
const GOOGLE_NETWORKS: Record<string, string> = {
  visa: "VISA",
  mastercard: "MASTERCARD",
  amex: "AMEX",
  discover: "DISCOVER",
};
const APPLE_NETWORKS: Record<string, string> = {
  visa: "Visa",
  mastercard: "MasterCard",
  amex: "AmEx",
  discover: "Discover",
};

export type TWalletTokenRow = {
  id: string;
  kind: TWalletKind;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  auth_method: TGoogleAuthMethod | null;
  outcome: string;
} & TSingleUse;

// ---- the signatures (the secret is gw_meta's wallet_secret, loaded on start) ---------------

/** Kind-separated, so an Apple Pay envelope's signature is no good on a Google Pay one. */
const sign = (secret: Buffer, kind: string, carrier: string) =>
  createHmac("sha256", secret).update(`${kind}\n${carrier}`).digest("base64");

const sameSignature = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const ZSandboxMessage = z.strictObject({
  sandbox_wallet_token: z.string().regex(/^wtok_[0-9a-f]{24}$/),
  kind: z.enum(["apple_pay", "google_pay"]),
});

const encodeMessage = (id: string, kind: TWalletKind) =>
  Buffer.from(JSON.stringify({ sandbox_wallet_token: id, kind })).toString("base64");

const decodeMessage = (value: string, kind: TWalletKind): string | null => {
  try {
    const parsed = ZSandboxMessage.safeParse(JSON.parse(Buffer.from(value, "base64").toString("utf8")));
    return parsed.success && parsed.data.kind === kind ? parsed.data.sandbox_wallet_token : null;
  } catch {
    return null;
  }
};

// ---- what the page hands over: Apple's ApplePayPayment, Google's PaymentData ---------------

/** What the wallet gave the page for Apple Pay, passed on as is (Apple's field names). */
export const ZApplePayToken = z.looseObject({
  paymentData: z.looseObject({
    version: z.string().max(20),
    data: z.string().max(8000),
    signature: z.string().max(8000),
    header: z.looseObject({}),
  }),
  paymentMethod: z.looseObject({
    displayName: z.string().max(200).nullish(),
    network: z.string().max(50).nullish(),
    type: z.string().max(20).nullish(),
  }),
  transactionIdentifier: z.string().max(200),
});

/** Google Pay: `paymentMethodData.tokenizationData.token` and `paymentMethodData.info`. */
export const ZGooglePaySource = z.strictObject({
  token: z.string().min(1).max(16_000),
  info: z.looseObject({
    cardNetwork: z.string().max(50),
    cardDetails: z.string().max(10),
  }),
});

export const ZApplePaySource = z.strictObject({ token: ZApplePayToken });

export type TApplePaySource = z.infer<typeof ZApplePaySource>;
export type TGooglePaySource = z.infer<typeof ZGooglePaySource>;

const invalid = (why: string) =>
  fail(400, "wallet_token_invalid", `Not a sandbox wallet token this gateway issued (${why}).`);

/**
 * The sandbox wallet token behind a wallet source, if it is ours, unaltered, unused and not
 * expired; else the refusal. Nothing is spent here.
 */
export const usableWalletToken = async (
  { sql, now }: Pick<TContext, "sql" | "now">,
  secret: Buffer,
  source: { apple_pay?: TApplePaySource; google_pay?: TGooglePaySource },
): Promise<{ ok: true; token: TWalletTokenRow } | { ok: false; result: TResult }> => {
  let id: string | null;
  let kind: TWalletKind;
  let network: string | null | undefined;
  let last4: string | null = null;
  if (source.google_pay) {
    kind = "google_pay";
    const { token, info } = source.google_pay;
    const envelope = (() => {
      try {
        return z
          .looseObject({ protocolVersion: z.string(), signature: z.string(), signedMessage: z.string() })
          .safeParse(JSON.parse(token));
      } catch {
        return null;
      }
    })();
    if (!envelope?.success) return { ok: false, result: invalid("not a Google Pay payment token") };
    const { signature, signedMessage } = envelope.data;
    if (!sameSignature(signature, sign(secret, kind, signedMessage))) {
      return {
        ok: false,
        result: invalid(
          "its signature does not verify; real Google Pay tokens cannot be decrypted by the sandbox",
        ),
      };
    }
    const message = (() => {
      try {
        return z.looseObject({ encryptedMessage: z.string() }).safeParse(JSON.parse(signedMessage));
      } catch {
        return null;
      }
    })();
    id = message?.success ? decodeMessage(message.data.encryptedMessage, kind) : null;
    network = info.cardNetwork;
    last4 = info.cardDetails;
  } else if (source.apple_pay) {
    kind = "apple_pay";
    const { paymentData, paymentMethod } = source.apple_pay.token;
    if (!sameSignature(paymentData.signature, sign(secret, kind, paymentData.data))) {
      return {
        ok: false,
        result: invalid(
          "its signature does not verify; real Apple Pay payloads cannot be decrypted by the sandbox",
        ),
      };
    }
    id = decodeMessage(paymentData.data, kind);
    network = paymentMethod.network;
  } else {
    throw new Error("not a wallet source");
  }
  if (!id) return { ok: false, result: invalid("unreadable message") };
  const [token] = await sql.query<TWalletTokenRow>(`SELECT * FROM gw_wallet_token WHERE id = $1`, [id]);
  if (!token || token.kind !== kind) return { ok: false, result: invalid("unknown token") };
  // The display facts the page passed must be the token's (a real gateway reads them from the
  // decrypted payload; a mismatch means the envelope was tampered with).
  const expectedNetwork = (kind === "google_pay" ? GOOGLE_NETWORKS : APPLE_NETWORKS)[token.brand];
  if (
    (network ?? "").toLowerCase() !== (expectedNetwork ?? "").toLowerCase() ||
    (last4 !== null && last4 !== token.last4)
  ) {
    return { ok: false, result: invalid("the card network or last 4 do not match the token") };
  }
  const refusal = spentOrExpired(token, now, {
    used: "This wallet token has already been used; ask the wallet again.",
    expired: "This wallet token has expired (valid 15 minutes); ask the wallet again.",
  });
  return refusal ? { ok: false, result: refusal } : { ok: true, token };
};

/** Why a wallet method cannot be kept for later charges, or null when it can (Google Pay PAN_ONLY). */
export const notStorableReason = (token: TWalletTokenRow): string | null => {
  if (token.kind === "apple_pay") {
    return "An Apple Pay payment carries a device account number with a one-time cryptogram; it cannot be stored for later charges.";
  }
  if (token.auth_method === "CRYPTOGRAM_3DS") {
    return "A Google Pay CRYPTOGRAM_3DS payment carries a device token with a one-time cryptogram; it cannot be stored for later charges.";
  }
  return null;
};

// ---- minting (the simulator's POST /wallet-simulator/tokens) -------------------------------

export const ZMintRequest = z.strictObject({
  key: z.string().max(200),
  origin: z.string().max(500),
  kind: z.enum(["apple_pay", "google_pay"]),
  card: z.enum(SIMULATOR_CARDS.map((c) => c.id) as [TSimulatorCardId, ...TSimulatorCardId[]]),
  /** Google Pay only; default CRYPTOGRAM_3DS (a card on an Android device). */
  auth_method: z.enum(["PAN_ONLY", "CRYPTOGRAM_3DS"]).optional(),
});

/**
 * Mints a sandbox wallet token for a simulator card and builds exactly what the real wallet
 * API would give the page: Google's PaymentData or Apple's ApplePayPayment.
 */
export const mintWalletToken = async (
  sql: TSql,
  secret: Buffer,
  {
    kind,
    card: cardId,
    auth_method,
    origin,
    now,
  }: {
    kind: TWalletKind;
    card: TSimulatorCardId;
    auth_method?: TGoogleAuthMethod;
    origin: string;
    now: Date;
  },
) => {
  const card = SIMULATOR_CARDS.find((c) => c.id === cardId);
  if (!card) throw new Error("unknown card");
  const id = `wtok_${randomBytes(12).toString("hex")}`;
  const last4 = card.number.slice(-4);
  const outcome: TOutcome = cardOutcome(card.number);
  const authMethod = kind === "google_pay" ? (auth_method ?? "CRYPTOGRAM_3DS") : null;
  // A card valid four more years (the sandbox's cards have no other expiry).
  const expMonth = 12;
  const expYear = now.getUTCFullYear() + 4;
  const expiresAt = new Date(now.getTime() + WALLET_TOKEN_TTL_MS);
  await sql.query(
    `INSERT INTO gw_wallet_token (id, kind, brand, last4, exp_month, exp_year, auth_method, outcome, origin, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, kind, card.brand, last4, expMonth, expYear, authMethod, outcome, origin, now, expiresAt],
  );
  const message = encodeMessage(id, kind);
  const brandName = BRAND_NAMES[card.brand] ?? card.brand;
  if (kind === "google_pay") {
    const signedMessage = JSON.stringify({
      encryptedMessage: message,
      ephemeralPublicKey: "sandbox",
      tag: "sandbox",
    });
    const token = JSON.stringify({
      protocolVersion: "ECv2",
      signature: sign(secret, kind, signedMessage),
      intermediateSigningKey: { signedKey: "sandbox", signatures: ["sandbox"] },
      signedMessage,
    });
    return {
      expiresAt,
      payload: {
        apiVersion: 2,
        apiVersionMinor: 0,
        paymentMethodData: {
          type: "CARD",
          description: `${brandName} •••• ${last4}`,
          info: { cardNetwork: GOOGLE_NETWORKS[card.brand], cardDetails: last4 },
          tokenizationData: { type: "PAYMENT_GATEWAY", token },
        },
      },
    };
  }
  const transactionIdentifier = randomBytes(32).toString("hex").toUpperCase();
  return {
    expiresAt,
    payload: {
      token: {
        paymentData: {
          version: "EC_v1",
          data: message,
          signature: sign(secret, kind, message),
          header: {
            ephemeralPublicKey: "sandbox",
            publicKeyHash: createHash("sha256").update("sandbox").digest("base64"),
            transactionId: transactionIdentifier.toLowerCase(),
          },
        },
        paymentMethod: {
          displayName: `${brandName} ${last4}`,
          network: APPLE_NETWORKS[card.brand],
          type: "credit",
        },
        transactionIdentifier,
      },
    },
  };
};

// ---- Apple Pay merchant validation ---------------------------------------------------------

export const ZMerchantSessionRequest = z.strictObject({
  validation_url: z.string().min(1).max(2000),
  domain_name: z.string().min(1).max(253),
  display_name: z.string().min(1).max(64),
});

/** Apple's payment gateways: apple-pay-gateway.apple.com, apple-pay-gateway-nc-pod1.apple.com, cn-apple-pay-gateway.apple.com, apple-pay-gateway-cert.apple.com… */
export const isAppleValidationUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (
      url.protocol === "https:" &&
      url.port === "" &&
      url.username === "" &&
      url.password === "" &&
      /^(cn-)?apple-pay-gateway(-[a-z0-9-]+)?\.apple\.com$/.test(url.hostname)
    );
  } catch {
    return false;
  }
};

/**
 * POST /v1/apple_pay/merchant_sessions. A real gateway would call the validation URL with the
 * merchant identity certificate; the sandbox answers a sandbox session with Apple's fields, for
 * a domain that is the host of one of its allowed origins (Apple's registered, verified domains).
 */
export const createMerchantSession = (
  { now }: Pick<TContext, "now">,
  secret: Buffer,
  input: z.infer<typeof ZMerchantSessionRequest>,
  { merchantIdentifier, allowedOrigins }: { merchantIdentifier: string; allowedOrigins: Set<string> },
): TResult => {
  if (!isAppleValidationUrl(input.validation_url)) {
    return fail(
      400,
      "invalid_validation_url",
      "validation_url: not an Apple Pay gateway URL (https://apple-pay-gateway….apple.com/…).",
    );
  }
  const domains = new Set([...allowedOrigins].map((o) => new URL(o).hostname));
  if (!domains.has(input.domain_name.toLowerCase())) {
    return fail(
      400,
      "apple_pay_domain_not_registered",
      "domain_name: not a domain registered for Apple Pay (the hosts of GATEWAY_ALLOWED_ORIGINS).",
    );
  }
  const epochTimestamp = now.getTime();
  const session = {
    epochTimestamp,
    expiresAt: epochTimestamp + MERCHANT_SESSION_TTL_MS,
    merchantSessionIdentifier: `SSH${randomBytes(16).toString("hex").toUpperCase()}_SANDBOX`,
    nonce: randomBytes(4).toString("hex"),
    // Apple sends the SHA-256 of the merchant identifier, in upper-case hex.
    merchantIdentifier: createHash("sha256").update(merchantIdentifier).digest("hex").toUpperCase(),
    domainName: input.domain_name.toLowerCase(),
    displayName: input.display_name,
    signature: "",
    operationalAnalyticsIdentifier: `${input.display_name}:SANDBOX`,
    retries: 0,
  };
  session.signature = createHmac("sha256", secret)
    .update(`merchant_session\n${JSON.stringify({ ...session, signature: undefined })}`)
    .digest("base64");
  return ok(session, 201);
};
