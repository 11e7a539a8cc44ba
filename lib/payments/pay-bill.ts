import "server-only";
import { accountSql } from "@/lib/access/rule";
import type { Role } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentMethodKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { getDb, queryRows } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { newId } from "@/lib/db/ids";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, type TGateway, isGatewayError } from "@/lib/gateway";
import type { TPaymentSource } from "@/lib/gateway/interface";
import type { TGatewayStoredMethod } from "@/lib/gateway/types";
import { auditRow, type TAuditActor } from "@/lib/audit/record";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { formatCents, sumCents } from "@/lib/money";
import type { TRequestContext } from "@/lib/request-context";
import { applyGatewayOutcome, markPaymentFailed } from "@/lib/payments/apply-gateway-outcome";
import { declinedError, gatewayUserError } from "@/lib/gateway/user-errors";
import { PAY_MESSAGES } from "@/lib/payments/pay-messages";
import { statusAfter } from "@/lib/payments/ledger";
import { newReceiptNumber } from "@/lib/payments/receipt-number";
import { velocityKeys, withinCardVelocity } from "@/lib/rate-limit/card-velocity";
import type { TPayBillInput } from "@/lib/payments/schemas";
import { expiryState } from "@/lib/saved-methods/expiry";
import { keepStoredMethod } from "@/lib/saved-methods/keep-stored-method";
import { findOwnMethod } from "@/lib/saved-methods/owner";
import { findStaffChargeableMethod } from "@/lib/saved-methods/staff-chargeable";
import { annotateRequest, log } from "@/lib/log";
import type { TLocale } from "@/lib/locale";

/**
 * Who pays: a signed-in patient (any statement of a linked account), a guest (one statement),
 * or an account's saved method charged off-session (a plan installment run by the system, or
 * staff acting on a plan): any statement of that account, a method of the account's patient,
 * and the audit row names `actor`; or a staff member at the virtual terminal (any statement of
 * an account of their practice, a method the patient allows staff to charge), who is recorded
 * as the one who took it (`takenByUserId`).
 */
export type TPayer =
  | { kind: "patient"; userId: string; email: string }
  /** `locale`: the language the guest pays in, kept with the payment for their receipt email. */
  | { kind: "guest"; statementId: string; locale?: TLocale }
  | { kind: "account"; accountId: string; userId: string | null; email: string | null; actor: TAuditActor }
  | {
      kind: "staff";
      accountId: string;
      practiceId: string;
      userId: string;
      email: string;
      role: Role;
      /** The language the clerk chose for the receipt sent to the address they typed. */
      receiptLocale?: TLocale;
    };

/**
 * How the payment came in (Payment.channel): the payer's own page, a plan, autopay, or staff
 * taking it by phone, by mail or at the desk.
 */
export type TPayChannel = "WEB" | "PLAN" | "AUTOPAY" | "STAFF_PHONE" | "STAFF_OFFICE" | "MAIL";

export type TPayBillResult = { paymentId: string; receiptNumber: string; status: PaymentStatus };

/** SQL: the statement `s` is one the payer may pay (lib/access/rule.ts for a patient, or the guest's one). */
const statementScope = (payer: TPayer) =>
  payer.kind === "patient"
    ? accountSql({ userId: payer.userId, need: "pay", column: `s."accountId"` })
    : payer.kind === "account"
      ? Prisma.sql`s."accountId" = ${payer.accountId}`
      : payer.kind === "staff"
        ? Prisma.sql`s."accountId" = ${payer.accountId} AND EXISTS (SELECT 1 FROM "account" sa WHERE sa.id = s."accountId" AND sa."practiceId" = ${payer.practiceId})`
        : Prisma.sql`s.id = ${payer.statementId}`;

/** SQL: the payment `p` is the payer's (on a linked account, or applied to the guest's statement). */
const paymentScope = (payer: TPayer) =>
  payer.kind === "patient"
    ? accountSql({ userId: payer.userId, need: "pay", column: `p."accountId"` })
    : payer.kind === "account"
      ? Prisma.sql`p."accountId" = ${payer.accountId}`
      : payer.kind === "staff"
        ? Prisma.sql`(p."accountId" = ${payer.accountId} AND p."practiceId" = ${payer.practiceId})`
        : Prisma.sql`EXISTS (SELECT 1 FROM "payment_allocation" pa WHERE pa."paymentId" = p.id AND pa."statementId" = ${payer.statementId})`;

type TPaymentOutcomeRow = {
  id: string;
  receiptNumber: string;
  status: PaymentStatus;
  declineCode: string | null;
  declineMessage: string | null;
};

const replay = async (idempotencyKey: string, payer: TPayer): Promise<TPayBillResult | null> => {
  const [existing] = await queryRows<TPaymentOutcomeRow & { isOwn: boolean }>(Prisma.sql`
    SELECT p.id, p."receiptNumber", p.status, p."declineCode", p."declineMessage", ${paymentScope(payer)} AS "isOwn"
      FROM "payment" p
     WHERE p."idempotencyKey" = ${idempotencyKey}`);
  if (!existing) return null;
  // Someone else's key is no key of ours: the same answer as a payment that does not exist.
  if (!existing.isOwn) throw notFoundError("payment");
  return resultOf(existing);
};

type TPayableRow = {
  id: string;
  statementNumber: string;
  balanceCents: number;
  currency: string;
  accountId: string;
  practiceId: string;
  timeZone: string;
};

const resultOf = (p: TPaymentOutcomeRow): TPayBillResult => {
  if (p.status === "DECLINED") {
    throw declinedError(p.declineCode);
  }
  if (p.status === "FAILED") {
    throw new AppError("GATEWAY_UNAVAILABLE", {
      message: `payment failed: ${p.declineMessage}`,
      userMessage: PAY_MESSAGES.notCompleted,
    });
  }
  return { paymentId: p.id, receiptNumber: p.receiptNumber, status: p.status };
};

/**
 * The saved method a patient chose, if any: theirs and still in the wallet, else the same
 * "not found" as a missing one (a guest has no wallet). Off-session: a method of the account's
 * patient, or one kept for the account itself.
 */
const savedMethodOf = async (payer: TPayer, input: TPayBillInput) => {
  if (!input.paymentMethodId) return null;
  if (payer.kind === "guest") throw notFoundError("payment method");
  if (payer.kind === "patient") return findOwnMethod({ userId: payer.userId }, input.paymentMethodId);
  if (payer.kind === "staff") return findStaffChargeableMethod(payer, input.paymentMethodId);
  const db = await getDb();
  const method = await db.paymentMethod.findFirst({
    where: {
      id: input.paymentMethodId,
      removedAt: null,
      OR: [{ accountId: payer.accountId }, ...(payer.userId ? [{ userId: payer.userId }] : [])],
    },
  });
  if (!method) throw notFoundError("payment method");
  return method;
};

const auditActorOf = (payer: TPayer): TAuditActor =>
  payer.kind === "patient"
    ? { kind: "user", userId: payer.userId, role: "PATIENT", label: payer.email }
    : payer.kind === "account"
      ? payer.actor
      : payer.kind === "staff"
        ? { kind: "user", userId: payer.userId, role: payer.role, label: payer.email }
        : { kind: "guest", statementId: payer.statementId };

/**
 * "Save for future payments": the gateway kept the approved payment's method; put it in the
 * wallet and on the payment. The payment stands whatever happens here: a failure only means
 * the method is not saved, which the wallet shows.
 */
const saveToWallet = async ({
  payer,
  paymentId,
  stored,
  context,
}: {
  payer: Extract<TPayer, { kind: "patient" }>;
  paymentId: string;
  stored: TGatewayStoredMethod;
  context: TRequestContext;
}) => {
  try {
    const method = await keepStoredMethod({
      owner: { userId: payer.userId, email: payer.email },
      stored,
      holderName: null,
      context,
    });
    const db = await getDb();
    await db.payment.update({ where: { id: paymentId }, data: { paymentMethodId: method.id } });
  } catch (error) {
    log.warn(`[payments] payment ${paymentId}: the method was not saved: ${(error as Error).message}`);
  }
};

/** What the gateway charges, and the kind of method the payment records. */
const paymentSourceOf = (
  input: TPayBillInput,
  saved: { kind: PaymentMethodKind; gatewayToken: string } | null,
): { methodKind: PaymentMethodKind; source: TPaymentSource } => {
  if (saved) return { methodKind: saved.kind, source: { storedMethodId: saved.gatewayToken } };
  const { wallet } = input;
  if (wallet?.kind === "apple_pay")
    return { methodKind: "APPLE_PAY", source: { applePay: { token: wallet.token } } };
  if (wallet?.kind === "google_pay") {
    return { methodKind: "GOOGLE_PAY", source: { googlePay: { token: wallet.token, info: wallet.info } } };
  }
  return { methodKind: input.methodKind!, source: { token: input.token! } };
};

/** Why these allocations cannot be paid from these statements (as the payer may see them), if they cannot. */
const whyNotPayable = (input: TPayBillInput, byId: Map<string, TPayableRow>): AppError | null => {
  if (input.allocations.some((a) => !byId.has(a.statementId)) || byId.size !== input.allocations.length) {
    return notFoundError("statement");
  }
  if (new Set([...byId.values()].map((s) => s.accountId)).size > 1) {
    return new AppError("VALIDATION", { userMessage: PAY_MESSAGES.oneAccount });
  }
  for (const a of input.allocations) {
    const s = byId.get(a.statementId)!;
    if (a.amount > s.balanceCents) {
      return new AppError("AMOUNT_EXCEEDS_BALANCE", {
        userMessage: PAY_MESSAGES.amountOverBalance(
          s.statementNumber,
          formatCents(s.balanceCents, s.currency),
        ),
      });
    }
  }
  return null;
};

/**
 * Pays one or more statements of one account. Records the intent (and takes the amounts off
 * the balances) before calling the gateway, then records the outcome; the gateway gets our
 * payment id as its idempotency key. A replay of the same idempotency key returns the same
 * payment and never charges again; an unknown outcome (timeout) stays PENDING for
 * reconciliation. Card numbers never pass through here: only the gateway's single-use token.
 * Plans and autopay charge a saved method through here too (`channel`), with an idempotency key
 * derived from what they pay (e.g. `plan:<installmentId>:<attempt>`), so a retried job is a replay.
 */
export const payBill = async (options: TPayBillOptions): Promise<TPayBillResult> => {
  const { payer, input, context } = options;
  // Off-session charges (plans, autopay) are the practice's own; a payer on a page is limited
  // against card testing (lib/rate-limit/card-velocity.ts).
  if (payer.kind === "account") return payOnce(options, { sent: false });
  return withinCardVelocity({
    keys: velocityKeys({
      // A staff member at the terminal counts as themselves (every try is theirs, audited).
      userId: payer.kind === "patient" || payer.kind === "staff" ? payer.userId : null,
      statementIds: input.allocations.map((a) => a.statementId),
      context,
    }),
    attempt: (track) => payOnce(options, track),
    // A retry of a payment already made gets that payment, limit or not.
    onRefused: () => replay(input.idempotencyKey, payer),
  });
};

type TPayBillOptions = {
  payer: TPayer;
  input: TPayBillInput;
  context: TRequestContext;
  channel?: TPayChannel;
  gateway?: TGateway;
};

const payOnce = async (
  { payer, input, context, channel = "WEB", gateway = getGateway() }: TPayBillOptions,
  track: { sent: boolean },
): Promise<TPayBillResult> => {
  const ids = input.allocations.map((a) => a.statementId);
  // The payment's own statements run past Prisma Client (lib/db queryRows): one round trip each.
  // The ids as a list (at most 50), not an array: PostgreSQL plans the statement for as many ids
  // once per connection (lib/db/statement-names.ts), where an array of unknown length had it
  // planned again for every payment.
  const [statements, saved] = await Promise.all([
    queryRows<TPayableRow>(Prisma.sql`
    SELECT s.id, s."statementNumber", s."balanceCents", s.currency, s."accountId", a."practiceId", pr."timeZone"
      FROM "statement" s
      JOIN "account" a ON a.id = s."accountId"
      JOIN "practice" pr ON pr.id = a."practiceId"
     WHERE s.id IN (${Prisma.join(ids)}) AND s.status <> 'VOIDED' AND ${statementScope(payer)}`),
    savedMethodOf(payer, input),
  ]);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const refusal = whyNotPayable(input, byId);
  if (refusal) {
    // A retry of a payment that went through finds its balance already taken: it gets the
    // payment it made, not a refusal. (The first attempt of a key never reads it: the unique
    // key on the insert below catches the rare race.)
    const replayed = await replay(input.idempotencyKey, payer);
    if (replayed) return replayed;
    throw refusal;
  }
  const first = byId.get(ids[0]!)!;
  if (saved && expiryState(saved, todayInZone(first.timeZone)) === "expired") {
    throw new AppError("VALIDATION", {
      userMessage:
        payer.kind === "staff"
          ? "That card has expired. Ask the patient to update it in their wallet, or take another method."
          : PAY_MESSAGES.cardExpired,
    });
  }
  const { methodKind, source } = paymentSourceOf(input, saved);
  const saveMethod = !saved && input.saveMethod === true && payer.kind === "patient";
  const amountCents = sumCents(input.allocations.map((a) => a.amount));
  const receiptDay = toIsoDay(todayInZone(first.timeZone));
  const payment = { id: newId(), receiptNumber: newReceiptNumber(receiptDay) };
  annotateRequest({ paymentId: payment.id });
  const audit = auditRow({
    actor: auditActorOf(payer),
    action: "payment.submitted",
    target: { type: "Payment", id: payment.id },
    context,
    metadata: { amountCents, statements: ids, ...(channel === "WEB" ? {} : { channel }) },
  });
  // Staff take a payment for the account: no patient login paid it, and the receipt goes to the
  // address the clerk typed, if any (never the clerk's own).
  const payerUserId = payer.kind === "guest" || payer.kind === "staff" ? null : payer.userId;
  const takenByUserId = payer.kind === "staff" ? payer.userId : null;
  const payerEmail =
    input.payerEmail || (payer.kind === "guest" || payer.kind === "staff" ? null : payer.email);
  // The language of a receipt that goes to no login: the one the guest paid in, or the one the
  // clerk chose for the address they typed (English when none).
  const payerLocale =
    payer.kind === "guest"
      ? (payer.locale ?? null)
      : payer.kind === "staff" && payerEmail
        ? (payer.receiptLocale ?? null)
        : null;
  // Allocations keep the order they were given in (refunds give back the last one first).
  const at = Date.now();
  const wanted = Prisma.join(
    input.allocations.map(
      (a, i) =>
        Prisma.sql`(${a.statementId}, ${a.amount}::int, ${newId()}, ${new Date(at + i)}::timestamptz)`,
    ),
  );

  // One statement, so all of it happens or none of it: lock the statements whose balances
  // still cover their amounts (FOR UPDATE re-reads a row another payment changed meanwhile);
  // only if all of them do, insert the PENDING payment, its allocations, its first event and
  // the audit row, and take the amounts off the balances (with the statuses that follow).
  const intent = () =>
    queryRows<{ reserved: number; held: string[] }>(Prisma.sql`
      WITH wanted (id, amount, "allocationId", "createdAt") AS (VALUES ${wanted}),
      held AS (
        SELECT s.id FROM "statement" s JOIN wanted w ON w.id = s.id
         WHERE s."balanceCents" >= w.amount AND s.status <> 'VOIDED'
           FOR UPDATE OF s
      ),
      covered AS (SELECT count(*) = ${input.allocations.length} AS ok FROM held),
      pay AS (
        INSERT INTO "payment" (id, "practiceId", "accountId", "payerUserId", "takenByUserId", channel, status,
                               "amountCents", currency, "idempotencyKey", "receiptNumber", "methodKind",
                               "paymentMethodId", "payerEmail", "payerLocale", "updatedAt")
        SELECT ${payment.id}, ${first.practiceId}, ${first.accountId},
               ${payerUserId}, ${takenByUserId}, ${channel}::"PaymentChannel", 'PENDING', ${amountCents}::int,
               ${first.currency}, ${input.idempotencyKey}, ${payment.receiptNumber},
               ${methodKind}::"PaymentMethodKind", ${saved?.id ?? null},
               ${payerEmail}, ${payerLocale}, now()
          FROM covered WHERE covered.ok
        RETURNING id
      ),
      allocation AS (
        INSERT INTO "payment_allocation" (id, "paymentId", "statementId", "amountCents", "createdAt", "updatedAt")
        SELECT w."allocationId", pay.id, w.id, w.amount, w."createdAt", now() FROM pay CROSS JOIN wanted w
      ),
      reserve AS (
        UPDATE "statement" AS s
           SET "balanceCents" = s."balanceCents" - w.amount,
               status = ${statusAfter(Prisma.sql`-w.amount`)},
               "updatedAt" = now()
          FROM wanted w, pay
         WHERE s.id = w.id
        RETURNING s.id
      ),
      event AS (
        INSERT INTO "payment_event" (id, "paymentId", type, data, "updatedAt")
        SELECT ${newId()}, pay.id, 'intent', ${JSON.stringify({ channel, payer: payer.kind })}::jsonb, now()
          FROM pay
      ),
      audit AS (
        INSERT INTO "audit_log" (id, "actorUserId", "actorRole", "actorLabel", action, "targetType", "targetId",
                                 outcome, ip, "userAgent", metadata)
        SELECT ${newId()}, ${audit.actorUserId}, ${audit.actorRole}, ${audit.actorLabel}, ${audit.action},
               ${audit.targetType}, ${audit.targetId}, ${audit.outcome}, ${audit.ip}, ${audit.userAgent},
               ${JSON.stringify(audit.metadata)}::jsonb
          FROM pay
      )
      SELECT (SELECT count(*) FROM reserve)::int AS reserved, ARRAY(SELECT id FROM held) AS held`);

  let held: { reserved: number; held: string[] } | undefined;
  for (let attempt = 1; !held; attempt++) {
    try {
      [held] = await intent();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same idempotency key again (a retry, a double click): the first request owns the charge.
      const again = await replay(input.idempotencyKey, payer);
      if (again) return again;
      // Otherwise the receipt number was taken (6 characters: a few a day at 100,000 payments a
      // day): nothing was written, so the same payment goes in again under a new one.
      if (attempt === 5) throw error;
      payment.receiptNumber = newReceiptNumber(receiptDay);
    }
  }
  if (held.reserved !== input.allocations.length) {
    // Another payment took a balance between our read and our lock: nothing was written.
    const again = await replay(input.idempotencyKey, payer);
    if (again) return again;
    const short = ids.find((id) => !held.held.includes(id))!;
    throw new AppError("AMOUNT_EXCEEDS_BALANCE", {
      userMessage: PAY_MESSAGES.justPaid(byId.get(short)!.statementNumber),
    });
  }

  try {
    track.sent = true;
    const gp = await gateway.createPayment({
      amountCents,
      currency: first.currency,
      source,
      reference: payment.id,
      description: ids.map((id) => byId.get(id)!.statementNumber).join(", "),
      idempotencyKey: payment.id,
      ...(saveMethod ? { saveMethod: true } : {}),
    });
    const status = await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: gp, source: "charge" });
    if (saveMethod && gp.storedMethod && payer.kind === "patient") {
      await saveToWallet({ payer, paymentId: payment.id, stored: gp.storedMethod, context });
    }
    if (status === "DECLINED") {
      throw declinedError(gp.declineCode);
    }
    return { paymentId: payment.id, receiptNumber: payment.receiptNumber, status };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    if (error.code === "INDETERMINATE") {
      // We cannot know whether money moved: keep it PENDING; reconciliation or the webhook settles it.
      log.warn(`[payments] payment ${payment.id} outcome unknown: ${error.message}`);
      return { paymentId: payment.id, receiptNumber: payment.receiptNumber, status: "PENDING" };
    }
    await markPaymentFailed({ paymentId: payment.id, reason: error.gatewayCode ?? error.code });
    throw gatewayUserError(error, {
      byCode: {
        INVALID_TOKEN: {
          code: "VALIDATION",
          userMessage: input.wallet
            ? PAY_MESSAGES.walletNotCompleted(input.wallet.kind === "apple_pay" ? "Apple Pay" : "Google Pay")
            : PAY_MESSAGES.detailsExpired,
        },
        PAYMENT_METHOD_NOT_FOUND: {
          code: "VALIDATION",
          userMessage: PAY_MESSAGES.methodNotChargeable,
        },
        PROCESSOR_ERROR: PAY_MESSAGES.processorProblem,
      },
      otherwise: PAY_MESSAGES.processorUnreachable,
    });
  }
};
