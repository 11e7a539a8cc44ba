// The sandbox gateway as a child process of a benchmark (bench/child-ipc.ts): a separate Node
// process, as in production (ARCHITECTURE.md), on 127.0.0.1 and a free port, with a temporary
// PGlite directory, no added latency, no webhooks, no settlement and no request log. It reports
// its URL and, when asked, its CPU time, and stops when told to or when the parent goes away.
//
// Two extras for benchmarks that need them:
//   - BENCH_GATEWAY_VAULT_CARDS=N: before the server starts, N approved cards are put in the vault
//     by the gateway's own code: a token made as POST /hosted/tokens makes it (validateCard,
//     cardOutcome), then stored by storePaymentMethod, the handler of POST /v1/payment_methods
//     (only HTTP and the idempotency record are skipped). Their ids: the `vaulted` request.
//   - BENCH_GATEWAY_API_KEY: the secret API key it takes instead of the sandbox's published one.
//   - `stop` with `{query}`: after the server has closed, one read-only SQL query on the gateway's
//     data (counting what it recorded), whose rows are the answer.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openGatewayDb } from "../gateway/db";
import { validateCard } from "../gateway/hosted/rules.js";
import { storePaymentMethod } from "../gateway/payment-methods";
import { createGatewayServer, TOKEN_TTL_MS } from "../gateway/server";
import { newId } from "../gateway/store";
import { cardOutcome } from "../gateway/test-numbers";
import { serveParent } from "./child-ipc";
import { approvedTestCard } from "./test-card";

export type TGatewayInfo = { url: string; dataDir: string };
export type TVaulted = { ids: string[]; ms: number };

const ORIGIN = "http://localhost:3000";
const VAULT_CHUNK = 1000;

/** N approved cards into the vault, with the gateway's own validation and store code (see above). */
const vaultCards = async (dataDir: string, count: number): Promise<TVaulted> => {
  const t0 = performance.now();
  const db = await openGatewayDb(dataDir);
  const ids: string[] = [];
  try {
    while (ids.length < count) {
      const n = Math.min(VAULT_CHUNK, count - ids.length);
      await db.transaction(async (sql) => {
        // The tokens, as POST /hosted/tokens makes them from the form (one INSERT for the chunk) …
        const now = new Date();
        const input = approvedTestCard(now);
        const checked = validateCard(input, now);
        if (!checked.ok) throw new Error(`the test card is not valid: ${JSON.stringify(checked.fields)}`);
        const { brand, last4, exp_month, exp_year, number } = checked.value;
        const tokens = Array.from({ length: n }, () => newId("tok"));
        await sql.query(
          `INSERT INTO gw_token (id, kind, brand, last4, exp_month, exp_year, bank_account_type, bank_name,
             billing_zip, outcome, origin, created_at, expires_at)
           SELECT t, 'card', $2, $3, $4, $5, NULL, NULL, $6, $7, $8, $9, $10 FROM unnest($1::text[]) AS t`,
          [
            tokens,
            brand,
            last4,
            exp_month,
            exp_year,
            input.zip,
            cardOutcome(number),
            ORIGIN,
            now,
            new Date(now.getTime() + TOKEN_TTL_MS),
          ],
        );
        // … then each stored by the handler of POST /v1/payment_methods.
        for (const token of tokens) {
          const stored = await storePaymentMethod(
            {
              sql,
              now,
              webhookUrl: null,
              idempotencyKey: `vault:${token}`,
              walletSecret: Buffer.alloc(0),
              methodKey: Buffer.alloc(32),
            },
            { token },
          );
          const id = (stored.body as { id?: string }).id;
          if (stored.status !== 201 || !id) {
            throw new Error(`the vault refused: ${stored.status} ${JSON.stringify(stored.body)}`);
          }
          ids.push(id);
        }
      });
    }
  } finally {
    await db.close();
  }
  return { ids, ms: performance.now() - t0 };
};

const dataDir = await mkdtemp(path.join(tmpdir(), "portal-bench-gateway-"));
const vaultCount = Number(process.env.BENCH_GATEWAY_VAULT_CARDS ?? 0);
const vaulted = vaultCount > 0 ? await vaultCards(dataDir, vaultCount) : null;
const gateway = await createGatewayServer({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  latencyMs: 0,
  // The HTTP benchmark's portal runs as in production, which refuses the sandbox's published key.
  ...(process.env.BENCH_GATEWAY_API_KEY ? { apiKey: process.env.BENCH_GATEWAY_API_KEY } : {}),
  webhookUrl: null,
  settlementCutoff: null,
  log: () => {},
});

serveParent({
  info: { url: gateway.url, dataDir } satisfies TGatewayInfo,
  handlers: { vaulted: () => vaulted },
  onStop: async ({ query }) => {
    try {
      await gateway.close();
      if (typeof query !== "string") return null;
      const db = await openGatewayDb(dataDir);
      try {
        return await db.query(query);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});
