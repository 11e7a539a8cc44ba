import type { TClock } from "./clock";
import type { TGatewayDb, TSql } from "./db";

/**
 * What every /v1 write handler gets besides its input: the transaction, the time, where events
 * go, the request's idempotency key and the keys the gateway signs and fingerprints with. Its
 * own file, so that payments, the vault and the wallets can all take it without importing each
 * other.
 */
export type TContext = {
  sql: TSql;
  now: Date;
  webhookUrl: string | null;
  idempotencyKey: string;
  /** Signs sandbox wallet tokens and Apple Pay merchant sessions. */
  walletSecret: Buffer;
  /** Keys the methods' fingerprints (methodFingerprint). */
  methodKey: Buffer;
};

/**
 * What the request handlers share, fixed when the server starts (createGatewayServer fills in
 * the defaults). Each handler takes the part it needs.
 */
export type TGatewaySetup = {
  db: TGatewayDb;
  clock: TClock;
  log: (line: string) => void;
  /** The secret key: `Authorization: Bearer …` on /v1. */
  apiKey: string;
  /** The key in the hosted pages' URLs and in their POSTs. */
  publishableKey: string;
  /** Parent origins allowed to frame the hosted pages (normalized). */
  allowedOrigins: Set<string>;
  webhookUrl: string | null;
  /** Added to every /v1 answer, after the work is done. */
  latencyMs: number;
  /** How long the "no response" test card's answer is held before the connection is dropped. */
  hangMs: number;
  isWalletSimulatorOn: boolean;
  appleMerchantId: string;
  walletSecret: Buffer;
  /** Keys the idempotency records' request fingerprints. */
  fingerprintKey: Buffer;
  methodKey: Buffer;
  /** Tells the webhook worker (if any) that events may be waiting. */
  kickWebhooks: () => void;
};
