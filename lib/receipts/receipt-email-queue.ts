import "server-only";
import { queryRows, readRows } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { sql } from "@/lib/db/sql";
import { claimDueRows, drainRuns } from "@/lib/email/due-queue";
import { sendEmails, type TEmailMessage } from "@/lib/email/send-email";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { receiptEmail } from "@/lib/receipts/receipt-email";
import {
  fromReceiptSqlRow,
  RECEIPT_COLUMNS,
  RECEIPT_FROM,
  toReceipt,
  type TReceiptSqlRow,
} from "@/lib/receipts/queries";
import { log } from "@/lib/log";
import { localeOr } from "@/lib/locale";

/** The PaymentEvent that records that the receipt went out; there is never a second. */
export const RECEIPT_EMAILED_EVENT = "receipt.emailed";

/** A receipt is for money taken: not for a payment still processing, declined, failed or voided. */
const EMAILABLE: readonly PaymentStatus[] = [
  "AUTHORIZED",
  "CAPTURED",
  "SETTLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
];

/** How many due receipts one sender run claims at once. */
const BATCH = 50;

export type TReceiptEmailRun = {
  /** Due receipts this run took on. */
  claimed: number;
  /** Emails handed over (to SMTP, or to the outbox when there is no SMTP server). */
  sent: number;
  /** Owed nothing after all: no recipient (a patient who turned receipts off, a guest who gave no address), not approved any more, or already sent. */
  skipped: number;
  /** SMTP refused; due again after the lease, for a day. */
  failed: number;
};

/**
 * Sends the receipt emails that are due, up to `limit`, and says what it did. A payment's
 * receipt becomes due in the transaction that approves it (applyGatewayOutcome). This claims
 * due payments with a five-minute lease (FOR UPDATE SKIP LOCKED: several senders, in one
 * process or several, never take the same one), reads them in one query, sends, then clears
 * them and records a `receipt.emailed` event per email in one statement. The recipient is
 * decided now: a patient who paid signed in gets it at their login's address if their "email
 * receipts" preference is on; a payer without a login (a guest) at the address they gave, if
 * any; anyone else gets nothing. It is written in the login's saved language, or the one the
 * guest paid in (payment.payerLocale), else English. A payment with a `receipt.emailed` event never gets a second.
 * An SMTP failure leaves the payment due again when the lease ends, for a day.
 */
type TDueReceiptRow = TReceiptSqlRow & {
  practiceId: string;
  payerEmail: string | null;
  payerUserId: string | null;
  payerLoginEmail: string | null;
  payerEmailReceipts: boolean | null;
  /** The login's saved language, or (no login) the one the guest paid in. */
  payerLoginLocale: string | null;
  payerLocale: string | null;
  isEmailed: boolean;
};

export const sendDueReceiptEmails = async ({
  limit = BATCH,
}: { limit?: number } = {}): Promise<TReceiptEmailRun> => {
  const claimed = await claimDueRows({ table: "payment", column: "receiptEmailDueAt", limit });
  const run: TReceiptEmailRun = { claimed: claimed.length, sent: 0, skipped: 0, failed: 0 };
  if (claimed.length === 0) return run;

  // One statement for the whole batch (the receipts' columns, the payer and whether it was emailed).
  const rows = await readRows<TDueReceiptRow>(sql`
    SELECT ${RECEIPT_COLUMNS}, p."practiceId", p."payerEmail", p."payerUserId",
           u.email AS "payerLoginEmail", u."emailReceipts" AS "payerEmailReceipts",
           u.locale AS "payerLoginLocale", p."payerLocale",
           EXISTS (SELECT 1 FROM "payment_event" ev
                    WHERE ev."paymentId" = p.id AND ev.type = ${RECEIPT_EMAILED_EVENT}) AS "isEmailed"
    ${RECEIPT_FROM}
    LEFT JOIN "user" u ON u.id = p."payerUserId"
    WHERE p.id = ANY(${claimed.map((c) => c.id)}::text[])`);
  const outgoing: { paymentId: string; recipient: "patient" | "payer"; email: TEmailMessage }[] = [];
  for (const row of rows) {
    const hasLogin = row.payerUserId !== null;
    const to = hasLogin ? (row.payerEmailReceipts ? row.payerLoginEmail : null) : row.payerEmail;
    if (!to || row.isEmailed || !EMAILABLE.includes(row.status)) continue;
    const receipt = toReceipt(fromReceiptSqlRow(row));
    outgoing.push({
      paymentId: row.id,
      recipient: hasLogin ? "patient" : "payer",
      email: receiptEmail(receipt, {
        to,
        practiceId: row.practiceId,
        isGuest: !hasLogin,
        locale: localeOr(hasLogin ? row.payerLoginLocale : row.payerLocale),
      }),
    });
  }
  const statuses = await sendEmails(outgoing.map((o) => o.email));
  const sent = outgoing.filter((_, i) => statuses[i] !== "FAILED");
  const failedIds = outgoing.filter((_, i) => statuses[i] === "FAILED").map((o) => o.paymentId);
  run.sent = sent.length;
  run.failed = failedIds.length;
  run.skipped = claimed.length - outgoing.length;

  await queryRows(sql`
    WITH done AS (
      UPDATE "payment" SET "receiptEmailDueAt" = NULL
       WHERE id = ANY(${claimed.map((c) => c.id)}::text[])
         AND (id <> ALL(${failedIds}::text[]) OR "createdAt" < now() - interval '1 day')
      RETURNING id
    )
    INSERT INTO "payment_event" (id, "paymentId", type, data, "updatedAt")
    SELECT e.id, e."paymentId", ${RECEIPT_EMAILED_EVENT}, jsonb_build_object('recipient', e.recipient), now()
      FROM unnest(${sent.map(() => newId())}::text[], ${sent.map((s) => s.paymentId)}::text[],
                  ${sent.map((s) => s.recipient)}::text[]) AS e(id, "paymentId", recipient)`);
  return run;
};

/** Runs the sender until nothing is due (tests, and the wake-up below). */
export const drainReceiptEmails = () => drainRuns(() => sendDueReceiptEmails(), BATCH);

/**
 * Whether a receipt is due now that no sender holds: the claim skips a payment whose row another
 * transaction has locked at that moment (FOR UPDATE SKIP LOCKED), such as the gateway's own
 * "approved" webhook for the same payment arriving as the sender starts.
 */
const receiptStillDue = async () => {
  const [row] = await readRows<{ due: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM "payment" WHERE "receiptEmailDueAt" <= now()) AS due`);
  return row?.due === true;
};

const state = globalThis as unknown as {
  __receiptSender?: {
    enabled: boolean;
    timer?: NodeJS.Timeout;
    running?: Promise<void>;
    again: boolean;
    /** Tries in a row that left a receipt due (a locked row): the next waits longer. */
    retries: number;
  };
};
const sender = (state.__receiptSender ??= { enabled: true, again: false, retries: 0 });

/** How long a wake-up waits for more approvals to join its batch. */
const GATHER_MS = 25;

/**
 * After a run that had to skip a locked receipt, the next try waits 100 ms, then twice as long
 * each time up to 5 s, for about a minute in all; after that the job queue's sweep has it.
 */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
const RETRIES = 16;
export const retryDelayMs = (retry: number) => Math.min(RETRY_FIRST_MS * 2 ** (retry - 1), RETRY_MAX_MS);

const schedule = (delayMs: number) => {
  sender.timer = setTimeout(() => {
    sender.timer = undefined;
    sender.running = drainReceiptEmails()
      .then(async () => {
        // A wake-up during the run sends again at once; otherwise try again later only if a
        // receipt was left due (it was locked), not while other senders hold their leases.
        if (sender.again) return;
        const due = await receiptStillDue();
        sender.retries = due && sender.retries < RETRIES ? sender.retries + 1 : 0;
      })
      .catch((error: unknown) => {
        log.warn(`[receipts] sending receipt emails failed: ${(error as Error).message}`);
        sender.retries = 0;
      })
      .finally(() => {
        sender.running = undefined;
        if (!sender.enabled) return;
        if (sender.again) {
          sender.again = false;
          sender.retries = 0;
          wakeReceiptSender();
        } else if (sender.retries > 0) {
          schedule(retryDelayMs(sender.retries));
        }
      });
  }, delayMs);
};

/**
 * Asks this process to send due receipts soon (called after a commit that made one due), off
 * the request's path: the payer has their answer before the email is written. Wake-ups in
 * quick succession share one run; a wake-up during a run starts another after it; a run that
 * found a due receipt locked by another transaction tries again shortly (retryDelayMs).
 * Whatever a crash leaves due, the job queue's "receipts.send-due" sweep sends
 * (lib/jobs/worker.ts).
 */
export const wakeReceiptSender = () => {
  if (!sender.enabled) return;
  if (sender.running) {
    sender.again = true;
    return;
  }
  if (sender.timer) {
    if (sender.retries === 0) return;
    // A new approval need not wait out a retry's backoff.
    clearTimeout(sender.timer);
    sender.retries = 0;
  }
  schedule(GATHER_MS);
};

/** Waits for the wake-up's run, if one is pending (the benchmark and tests). */
export const receiptSenderIdle = async () => {
  while (sender.timer || sender.running) {
    await (sender.running ?? new Promise((r) => setTimeout(r, GATHER_MS)));
  }
};

/** How many tries in a row found a due receipt locked (tests watch a retry being planned). */
export const receiptSenderRetries = () => sender.retries;

/**
 * On shutdown (lib/startup/start-server.ts): no more wake-ups; resolves once a run in progress
 * has finished. Whatever is left due, the job queue's sweep sends (another instance, or this one
 * after its restart).
 */
export const stopReceiptSender = async () => {
  sender.enabled = false;
  if (sender.timer) {
    clearTimeout(sender.timer);
    sender.timer = undefined;
  }
  await sender.running;
};

/** Tests drain explicitly (drainReceiptEmails), so that nothing runs after their database closes. */
export const setReceiptSenderWakeForTests = (enabled: boolean) => {
  sender.enabled = enabled;
  if (!enabled && sender.timer) {
    clearTimeout(sender.timer);
    sender.timer = undefined;
  }
  sender.retries = 0;
};
