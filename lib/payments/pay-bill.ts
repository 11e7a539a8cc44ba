import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, GatewayError, type TGateway } from "@/lib/gateway";
import { recordAudit } from "@/lib/audit/record";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { formatCents, sumCents } from "@/lib/money";
import type { TRequestContext } from "@/lib/request-context";
import { applyGatewayOutcome, markPaymentFailed } from "@/lib/payments/apply-gateway-outcome";
import { declineMessage } from "@/lib/payments/decline-messages";
import { reserveBalance } from "@/lib/payments/ledger";
import { emailReceiptAfterApproval, isApproved } from "@/lib/payments/notify";
import { newReceiptNumber } from "@/lib/payments/receipt-number";
import type { TPayBillInput } from "@/lib/payments/schemas";

/** Who pays: a signed-in patient (any statement of a linked account) or a guest (one statement). */
export type TPayer =
  { kind: "patient"; userId: string; email: string } | { kind: "guest"; statementId: string };

export type TPayBillResult = { paymentId: string; receiptNumber: string; status: PaymentStatus };

const scopeFor = (payer: TPayer): Prisma.StatementWhereInput =>
  payer.kind === "patient"
    ? { account: { links: { some: { userId: payer.userId } } } }
    : { id: payer.statementId };

const ownsPayment = (payer: TPayer): Prisma.PaymentWhereInput =>
  payer.kind === "patient"
    ? { account: { links: { some: { userId: payer.userId } } } }
    : { allocations: { some: { statementId: payer.statementId } } };

const replay = async (idempotencyKey: string, payer: TPayer): Promise<TPayBillResult | null> => {
  const db = await getDb();
  const existing = await db.payment.findFirst({
    where: { idempotencyKey },
    select: { id: true, receiptNumber: true, status: true, declineCode: true, declineMessage: true },
  });
  if (!existing) return null;
  // Someone else's key is no key of ours: the same answer as a payment that does not exist.
  const isOwn = await db.payment.count({ where: { id: existing.id, ...ownsPayment(payer) } });
  if (!isOwn) throw notFoundError("payment");
  return resultOf(existing);
};

const resultOf = (p: {
  id: string;
  receiptNumber: string;
  status: PaymentStatus;
  declineCode: string | null;
  declineMessage: string | null;
}): TPayBillResult => {
  if (p.status === "DECLINED") {
    throw new AppError("CARD_DECLINED", {
      message: `declined ${p.declineCode}`,
      userMessage: declineMessage(p.declineCode),
    });
  }
  if (p.status === "FAILED") {
    throw new AppError("GATEWAY_UNAVAILABLE", {
      message: `payment failed: ${p.declineMessage}`,
      userMessage: "We couldn't complete the payment and nothing was charged. Please try again in a moment.",
    });
  }
  return { paymentId: p.id, receiptNumber: p.receiptNumber, status: p.status };
};

/**
 * Pays one or more statements of one account. Records the intent (and takes the amounts off
 * the balances) before calling the gateway, then records the outcome; the gateway gets our
 * payment id as its idempotency key. A replay of the same idempotency key returns the same
 * payment and never charges again; an unknown outcome (timeout) stays PENDING for
 * reconciliation. Card numbers never pass through here: only the gateway's single-use token.
 */
export const payBill = async ({
  payer,
  input,
  context,
  gateway = getGateway(),
}: {
  payer: TPayer;
  input: TPayBillInput;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TPayBillResult> => {
  const replayed = await replay(input.idempotencyKey, payer);
  if (replayed) return replayed;

  const db = await getDb();
  const ids = input.allocations.map((a) => a.statementId);
  const statements = await db.statement.findMany({
    // AND, not a spread: a guest's scope is itself an `id` condition and must not replace this one.
    where: { AND: [{ id: { in: ids } }, scopeFor(payer)], status: { not: "VOIDED" } },
    select: {
      id: true,
      statementNumber: true,
      balanceCents: true,
      currency: true,
      accountId: true,
      account: { select: { practiceId: true, practice: { select: { timeZone: true } } } },
    },
  });
  if (statements.length !== ids.length || !ids.every((id) => statements.some((s) => s.id === id))) {
    throw notFoundError("statement");
  }
  const accountIds = new Set(statements.map((s) => s.accountId));
  if (accountIds.size > 1) {
    throw new AppError("VALIDATION", { userMessage: "Pay the statements of one account at a time." });
  }
  const byId = new Map(statements.map((s) => [s.id, s]));
  for (const a of input.allocations) {
    const s = byId.get(a.statementId)!;
    if (a.amount > s.balanceCents) {
      throw new AppError("AMOUNT_EXCEEDS_BALANCE", {
        userMessage: `The amount for statement ${s.statementNumber} is more than its balance of ${formatCents(s.balanceCents, s.currency)}.`,
      });
    }
  }
  const first = statements[0]!;
  const amountCents = sumCents(input.allocations.map((a) => a.amount));

  let payment: { id: string; receiptNumber: string };
  try {
    payment = await db.$transaction(async (tx) => {
      const created = await tx.payment.create({
        data: {
          practiceId: first.account.practiceId,
          accountId: first.accountId,
          payerUserId: payer.kind === "patient" ? payer.userId : null,
          channel: "WEB",
          status: "PENDING",
          amountCents,
          currency: first.currency,
          idempotencyKey: input.idempotencyKey,
          receiptNumber: newReceiptNumber(toIsoDay(todayInZone(first.account.practice.timeZone))),
          methodKind: input.methodKind,
          payerEmail: input.payerEmail || (payer.kind === "patient" ? payer.email : null),
          allocations: {
            create: input.allocations.map((a) => ({ statementId: a.statementId, amountCents: a.amount })),
          },
          events: { create: { type: "intent", data: { channel: "WEB", payer: payer.kind } } },
        },
        select: { id: true, receiptNumber: true },
      });
      for (const a of input.allocations) {
        if (!(await reserveBalance(tx, a.statementId, a.amount))) {
          // Another payment took the balance first; roll everything back.
          throw new AppError("AMOUNT_EXCEEDS_BALANCE", {
            userMessage: `Statement ${byId.get(a.statementId)!.statementNumber} was just paid. Check its balance and try again.`,
          });
        }
      }
      return created;
    });
  } catch (error) {
    // The same idempotency key arrived twice at once: the other request owns the charge.
    if (isUniqueViolation(error)) {
      const again = await replay(input.idempotencyKey, payer);
      if (again) return again;
    }
    throw error;
  }

  await recordAudit({
    actor:
      payer.kind === "patient"
        ? { kind: "user", userId: payer.userId, role: "PATIENT", label: payer.email }
        : { kind: "guest", statementId: payer.statementId },
    action: "payment.submitted",
    target: { type: "Payment", id: payment.id },
    context,
    metadata: { amountCents, statements: ids },
  });

  try {
    const gp = await gateway.createPayment({
      amountCents,
      currency: first.currency,
      source: { token: input.token },
      reference: payment.id,
      description: statements.map((s) => s.statementNumber).join(", "),
      idempotencyKey: payment.id,
    });
    const status = await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: gp, source: "charge" });
    if (status === "DECLINED") {
      throw new AppError("CARD_DECLINED", {
        message: `declined ${gp.declineCode}`,
        userMessage: declineMessage(gp.declineCode),
      });
    }
    if (isApproved(status)) await emailReceiptAfterApproval(payment.id);
    return { paymentId: payment.id, receiptNumber: payment.receiptNumber, status };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.code === "INDETERMINATE") {
      // We cannot know whether money moved: keep it PENDING; reconciliation or the webhook settles it.
      console.warn(`[payments] payment ${payment.id} outcome unknown: ${error.message}`);
      return { paymentId: payment.id, receiptNumber: payment.receiptNumber, status: "PENDING" };
    }
    await markPaymentFailed({ paymentId: payment.id, reason: error.gatewayCode ?? error.code });
    if (error.code === "INVALID_TOKEN") {
      throw new AppError("VALIDATION", {
        message: error.message,
        userMessage: "Your payment details expired. Please enter them again.",
      });
    }
    throw new AppError("GATEWAY_UNAVAILABLE", {
      message: error.message,
      userMessage:
        "We couldn't reach the payment processor and nothing was charged. Please try again in a moment.",
    });
  }
};
