import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";

/**
 * The gateway's own database: an embedded PGlite directory (`GATEWAY_DATA_DIR`), or
 * `memory://` in tests that do not need a restart. The schema is created on start.
 *
 * The vault keeps no card or bank number: a token row, and a stored method made from one, has
 * what the sandbox needs (kind, brand, last 4, expiry, account type, bank name, billing ZIP and
 * the outcome its test number maps to), nothing more.
 *
 * The schema is idempotent DDL run on every start: `CREATE … IF NOT EXISTS` for tables, and for
 * a column added after a table first shipped, an `ALTER TABLE … ADD COLUMN IF NOT EXISTS` at the
 * end, so a data directory made by an older gateway is brought up to date in place.
 */
export type TSql = {
  query: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
};

export type TGatewayDb = TSql & {
  /** Runs `fn` in one transaction. PGlite has a single connection, so transactions never interleave. */
  transaction: <T>(fn: (tx: TSql) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

/**
 * The last columns of both kinds of single-use token (gw_token, gw_wallet_token; TSingleUse in
 * store.ts): the parent origin of the page that made it, its life, and the payment that spent it.
 */
const SINGLE_USE_COLUMNS = `origin     text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  payment_id text`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS gw_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE IF NOT EXISTS gw_token (
  id                text PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('card', 'ach')),
  brand             text CHECK (brand IN ('visa', 'mastercard', 'amex', 'discover')),
  last4             text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month         integer CHECK (exp_month BETWEEN 1 AND 12),
  exp_year          integer,
  bank_account_type text CHECK (bank_account_type IN ('checking', 'savings')),
  -- the bank that owns the routing number, from the sandbox's table (null: not in it)
  bank_name         text,
  -- the 5-digit ZIP the card form collected (not card data); kept for a stored method
  billing_zip       text CHECK (billing_zip ~ '^[0-9]{5}$'),
  outcome           text NOT NULL,
  ${SINGLE_USE_COLUMNS}
);

CREATE TABLE IF NOT EXISTS gw_payment (
  id                       text PRIMARY KEY,
  seq                      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  idempotency_key          text NOT NULL,
  status                   text NOT NULL CHECK (status IN
                             ('approved', 'declined', 'voided', 'refunded', 'partially_refunded', 'returned')),
  amount_cents             integer NOT NULL CHECK (amount_cents > 0),
  currency                 text NOT NULL,
  refunded_cents           integer NOT NULL DEFAULT 0 CHECK (refunded_cents BETWEEN 0 AND amount_cents),
  authorization_code       text,
  decline_code             text,
  decline_message          text,
  method_kind              text NOT NULL,
  method_brand             text,
  method_last4             text NOT NULL,
  method_exp_month         integer,
  method_exp_year          integer,
  method_bank_account_type text,
  outcome                  text NOT NULL,
  reference                text,
  description              text,
  settled_at               timestamptz,
  voided_at                timestamptz,
  returned_at              timestamptz,
  return_code              text,
  -- the stored method charged (source.stored_method_id), or null for a token
  stored_method_id         text,
  -- the stored method this payment created (save_method)
  saved_method_id          text,
  created_at               timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL
);
-- GET /v1/payments?idempotency_key=K
CREATE INDEX IF NOT EXISTS gw_payment_idempotency_key ON gw_payment (idempotency_key);
-- settlement: approved payments not settled yet
CREATE INDEX IF NOT EXISTS gw_payment_unsettled ON gw_payment (seq) WHERE settled_at IS NULL AND status = 'approved';
-- GET /v1/transactions?since=…, newest first
CREATE INDEX IF NOT EXISTS gw_payment_created ON gw_payment (created_at DESC, seq DESC);

CREATE TABLE IF NOT EXISTS gw_refund (
  id              text PRIMARY KEY,
  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  payment_id      text NOT NULL REFERENCES gw_payment (id),
  idempotency_key text NOT NULL,
  amount_cents    integer NOT NULL CHECK (amount_cents > 0),
  reason          text,
  status          text NOT NULL CHECK (status IN ('succeeded')),
  created_at      timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS gw_refund_payment ON gw_refund (payment_id);

-- Stored methods (the vault): reusable, made from a spent token. A deleted one keeps its row
-- (payments made with it still name it) but can no longer be read or charged.
CREATE TABLE IF NOT EXISTS gw_stored_method (
  id                text PRIMARY KEY,
  seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  kind              text NOT NULL CHECK (kind IN ('card', 'ach')),
  brand             text CHECK (brand IN ('visa', 'mastercard', 'amex', 'discover')),
  last4             text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month         integer CHECK (exp_month BETWEEN 1 AND 12),
  exp_year          integer,
  bank_name         text,
  bank_account_type text CHECK (bank_account_type IN ('checking', 'savings')),
  billing_zip       text CHECK (billing_zip ~ '^[0-9]{5}$'),
  outcome           text NOT NULL,
  -- the token it was made from; null for a bank account sent server to server
  token_id          text,
  holder_name       text,
  holder_type       text CHECK (holder_type IN ('individual', 'company')),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  deleted_at        timestamptz
);

-- The first response to each Idempotency-Key, replayed byte for byte until it expires.
CREATE TABLE IF NOT EXISTS gw_idempotency (
  key         text PRIMARY KEY,
  fingerprint text NOT NULL,
  method      text NOT NULL,
  path        text NOT NULL,
  status_code integer NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS gw_idempotency_expires ON gw_idempotency (expires_at);

-- Webhook events (the exact body every attempt sends) and their deliveries (an outbox).
CREATE TABLE IF NOT EXISTS gw_event (
  id         text PRIMARY KEY,
  seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  type       text NOT NULL,
  payment_id text,
  body       text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS gw_delivery (
  id                   text PRIMARY KEY,
  seq                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  event_id             text NOT NULL REFERENCES gw_event (id),
  url                  text NOT NULL,
  status               text NOT NULL CHECK (status IN ('pending', 'delivered')),
  attempts             integer NOT NULL DEFAULT 0,
  next_attempt_at      timestamptz NOT NULL,
  last_attempt_at      timestamptz,
  last_response_status integer,
  last_error           text,
  delivered_at         timestamptz,
  created_at           timestamptz NOT NULL
);
-- the delivery worker: pending deliveries that are due
CREATE INDEX IF NOT EXISTS gw_delivery_due ON gw_delivery (next_attempt_at, seq) WHERE status = 'pending';

-- Sandbox wallet tokens (Apple Pay, Google Pay), minted by the wallet simulator: what the
-- decrypted payload would tell a real gateway (network, device account last 4, expiry, Google's
-- auth method) and the test number's outcome; single use, like a card token. No number.
CREATE TABLE IF NOT EXISTS gw_wallet_token (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('apple_pay', 'google_pay')),
  brand       text NOT NULL CHECK (brand IN ('visa', 'mastercard', 'amex', 'discover')),
  last4       text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month   integer NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year    integer NOT NULL,
  auth_method text CHECK (auth_method IN ('PAN_ONLY', 'CRYPTOGRAM_3DS')),
  outcome     text NOT NULL,
  ${SINGLE_USE_COLUMNS}
);

-- Settlement batches: what each settlement run deposits (one merchant), with the ACH trace
-- number and effective date of the deposit, and the transactions it settles (sales, refunds made
-- since the previous batch, ACH returns). A refund is in the batch that settled it.
CREATE TABLE IF NOT EXISTS gw_settlement_batch (
  id               text PRIMARY KEY,
  seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  merchant_id      text NOT NULL,
  trace_number     text NOT NULL UNIQUE CHECK (trace_number ~ '^[0-9]{15}$'),
  effective_date   date NOT NULL,
  settled_at       timestamptz NOT NULL,
  sale_count       integer NOT NULL,
  sale_cents       integer NOT NULL,
  refund_count     integer NOT NULL,
  refund_cents     integer NOT NULL,
  return_count     integer NOT NULL,
  return_cents     integer NOT NULL,
  chargeback_count integer NOT NULL,
  chargeback_cents integer NOT NULL,
  net_cents        integer NOT NULL,
  created_at       timestamptz NOT NULL
);
-- GET /v1/settlement-batches?created_since=…, oldest first
CREATE INDEX IF NOT EXISTS gw_settlement_batch_created ON gw_settlement_batch (created_at, seq);

CREATE TABLE IF NOT EXISTS gw_settlement_item (
  id           text PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  batch_id     text NOT NULL REFERENCES gw_settlement_batch (id),
  kind         text NOT NULL CHECK (kind IN ('sale', 'refund', 'return', 'chargeback')),
  payment_id   text NOT NULL REFERENCES gw_payment (id),
  refund_id    text REFERENCES gw_refund (id),
  amount_cents integer NOT NULL CHECK (amount_cents > 0)
);
-- a batch's transactions, in order (GET /v1/settlement-batches/:id/transactions)
CREATE INDEX IF NOT EXISTS gw_settlement_item_batch ON gw_settlement_item (batch_id, seq);

-- Columns added with stored methods, for data directories created before them.
ALTER TABLE gw_token ADD COLUMN IF NOT EXISTS bank_name text;
ALTER TABLE gw_token ADD COLUMN IF NOT EXISTS billing_zip text;
ALTER TABLE gw_token ADD COLUMN IF NOT EXISTS fingerprint text;
ALTER TABLE gw_stored_method ADD COLUMN IF NOT EXISTS fingerprint text;
ALTER TABLE gw_payment ADD COLUMN IF NOT EXISTS stored_method_id text;
ALTER TABLE gw_payment ADD COLUMN IF NOT EXISTS saved_method_id text;
-- Columns added with bank accounts sent server to server (POST /v1/payment_methods with
-- bank_account): no token, and the holder's name and type, which an ACH debit entry carries.
ALTER TABLE gw_stored_method ALTER COLUMN token_id DROP NOT NULL;
ALTER TABLE gw_stored_method ADD COLUMN IF NOT EXISTS holder_name text;
ALTER TABLE gw_stored_method ADD COLUMN IF NOT EXISTS holder_type text
  CHECK (holder_type IN ('individual', 'company'));
-- Wallet payments: a payment's method kind is also apple_pay or google_pay.
ALTER TABLE gw_payment DROP CONSTRAINT IF EXISTS gw_payment_method_kind_check;
ALTER TABLE gw_payment ADD CONSTRAINT gw_payment_method_kind_check
  CHECK (method_kind IN ('card', 'ach', 'apple_pay', 'google_pay'));
-- Settlement batches: the batch that settled a refund (null: not settled yet). Refunds made before
-- batches existed get 'sb_none' once, when the column is added, so the first batch leaves them out.
ALTER TABLE gw_refund ADD COLUMN IF NOT EXISTS settlement_batch_id text DEFAULT 'sb_none';
ALTER TABLE gw_refund ALTER COLUMN settlement_batch_id DROP DEFAULT;
CREATE INDEX IF NOT EXISTS gw_refund_unsettled ON gw_refund (seq) WHERE settlement_batch_id IS NULL;
`;

const wrap = (q: PGlite | Transaction): TSql => ({
  query: async <T>(sql: string, params: unknown[] = []) => (await q.query<T>(sql, params)).rows,
});

export const openGatewayDb = async (dataDir: string): Promise<TGatewayDb> => {
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  await pglite.exec(SCHEMA);
  return {
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
};

/**
 * A random 32-byte secret the gateway makes on its first start and keeps in `gw_meta`, so it
 * survives a restart. (A production vault would keep such keys in a key management service,
 * apart from the data they protect.)
 */
export const loadSecret = async (sql: TSql, name: string): Promise<Buffer> => {
  await sql.query(`INSERT INTO gw_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
    name,
    randomBytes(32).toString("hex"),
  ]);
  const [row] = await sql.query<{ value: string }>(`SELECT value FROM gw_meta WHERE key = $1`, [name]);
  if (!row) throw new Error(`no ${name}`);
  return Buffer.from(row.value, "hex");
};
