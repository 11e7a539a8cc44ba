import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import { allowedOriginSet } from "./auth";
import { MINUTE_MS, systemClock, type TClock } from "./clock";
import type { TGatewaySetup } from "./context";
import { DEFAULT_CUTOFF, type TCutoff } from "./cutoff";
import { loadSecret, openGatewayDb } from "./db";
import { loadHostedAssets } from "./hosted/assets";
import { startSettlementScheduler } from "./settlement";
import { startWebhookWorker, type TWebhookWorker } from "./webhooks";

// Where their values are used; exported here too, for the callers that start a gateway.
export { IDEMPOTENCY_TTL_MS } from "./idempotency";
export { TOKEN_TTL_MS } from "./tokens";

export type TGatewayOptions = {
  /** 0 picks a free port (tests). Default 4000. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (this machine only: its keys are published). */
  host?: string;
  /** PGlite data directory, or `memory://` (nothing survives a restart). */
  dataDir: string;
  apiKey?: string;
  publishableKey?: string;
  /** Parent origins allowed to frame the hosted fields. */
  allowedOrigins?: string[];
  /** Where webhooks go; null: none are sent. */
  webhookUrl?: string | null;
  /** Signs each webhook, one `v1` per secret (the current one first while one is rotated). */
  webhookSecrets?: string[];
  /** Added to every /v1 response, after the work is done. */
  latencyMs?: number;
  /** The daily settlement; null: only POST /v1/settlements settles. */
  settlementCutoff?: TCutoff | null;
  clock?: TClock;
  /** One line per request and per webhook attempt; never a body. Default: console.log. */
  log?: (line: string) => void;
  /** How long the 4000 0000 0000 0259 response is held before the connection is dropped. */
  hangMs?: number;
  webhookPollMs?: number;
  webhookTimeoutMs?: number;
  settlementCheckMs?: number;
  /** Serve the wallet simulator (GET /wallet-simulator); false for a production-like gateway. Default true. */
  walletSimulator?: boolean;
  /** The Apple Pay merchant identifier whose hash a merchant session carries. */
  appleMerchantId?: string;
};

export type TGatewayServer = {
  /** http://host:port of this gateway. */
  url: string;
  port: number;
  /** Resolves when no webhook delivery is in progress (tests). */
  webhooksIdle: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Starts the gateway: opens its database and secrets, listens, and starts the webhook worker
 * (when there is a webhook URL) and the daily settlement. `close` stops taking requests, drops
 * withheld answers, waits for the requests in progress and stops the workers.
 */
export const createGatewayServer = async (options: TGatewayOptions): Promise<TGatewayServer> => {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  const allowedOrigins = allowedOriginSet(options.allowedOrigins ?? ["http://localhost:3000"]);
  const webhookUrl = options.webhookUrl ?? null;
  const isWalletSimulatorOn = options.walletSimulator ?? true;

  const [db, assets] = await Promise.all([
    openGatewayDb(options.dataDir),
    loadHostedAssets({ isWalletSimulatorOn }),
  ]);
  // Made on the first start and kept in gw_meta, so they survive a restart.
  const walletSecret = await loadSecret(db, "wallet_secret");
  const fingerprintKey = await loadSecret(db, "idempotency_fingerprint_key");
  const methodKey = await loadSecret(db, "method_fingerprint_key");

  let webhooks: TWebhookWorker | null = null;
  const kickWebhooks = () => webhooks?.kick();

  const setup: TGatewaySetup = {
    db,
    clock,
    log,
    apiKey: options.apiKey ?? "sk_sandbox_portal",
    publishableKey: options.publishableKey ?? "pk_sandbox_portal",
    allowedOrigins,
    webhookUrl,
    latencyMs: options.latencyMs ?? 0,
    hangMs: options.hangMs ?? 10 * MINUTE_MS,
    isWalletSimulatorOn,
    appleMerchantId: options.appleMerchantId ?? "merchant.portal.sandbox",
    walletSecret,
    fingerprintKey,
    methodKey,
    kickWebhooks,
  };
  const app = createApp(setup, assets);

  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const p = app.handle(req, res).finally(() => inFlight.delete(p));
    inFlight.add(p);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4000, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  if (webhookUrl) {
    webhooks = startWebhookWorker({
      db,
      clock,
      secrets: options.webhookSecrets ?? ["whsec_sandbox_portal"],
      pollMs: options.webhookPollMs ?? 1000,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      log,
    });
  }
  const scheduler = startSettlementScheduler({
    db,
    clock,
    cutoff: options.settlementCutoff === undefined ? DEFAULT_CUTOFF : options.settlementCutoff,
    checkMs: options.settlementCheckMs ?? 30_000,
    webhookUrl,
    log,
    onSettled: kickWebhooks,
  });

  let closing: Promise<void> | null = null;
  return {
    url: `http://${options.host ?? "localhost"}:${port}`,
    port,
    webhooksIdle: async () => {
      await webhooks?.idle();
    },
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        app.dropHanging();
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await closed;
        await Promise.all([scheduler.stop(), webhooks?.stop()]);
        await db.close();
      })();
      return closing;
    },
  };
};
