import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { sendEmail } from "@/lib/email/send-email";
import { paymentReturnedEmail } from "@/lib/payments/emails";
import { localeOr } from "@/lib/locale";
import { getGateway, isGatewayError, type TGateway } from "@/lib/gateway";
import type { TGatewayEvent } from "@/lib/gateway/types";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";
import { log } from "@/lib/log";

export type THandleResult = "applied" | "duplicate" | "not_ours";

/**
 * Applies one verified gateway event. The event is recorded first (unique event id), so a
 * redelivery of a processed event changes nothing; an event whose earlier delivery failed
 * half-way is applied again (every step is idempotent). Events about payments that are not
 * ours (no matching reference) are acknowledged and ignored.
 *
 * An event is a notification, not the truth: the payment's state is read from the gateway's
 * API (our API key, over our own connection) and that is what is applied, so not even a leaked
 * webhook secret lets anyone set a payment's state. A payment the gateway does not know, or
 * knows under another reference, is not ours either.
 */
export const handleGatewayEvent = async (
  event: TGatewayEvent,
  { gateway = getGateway() }: { gateway?: TGateway } = {},
): Promise<THandleResult> => {
  const db = await getDb();
  try {
    await db.gatewayEvent.create({
      data: { eventId: event.id, type: event.type, payload: event as unknown as Prisma.InputJsonValue },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const seen = await db.gatewayEvent.findUnique({
      where: { eventId: event.id },
      select: { processedAt: true },
    });
    if (seen?.processedAt) return "duplicate";
  }
  const processed = () =>
    db.gatewayEvent.update({ where: { eventId: event.id }, data: { processedAt: new Date() } });

  const notified = event.data.payment;
  const payment = await db.payment.findFirst({
    where: {
      OR: [
        ...(notified.reference ? [{ id: notified.reference }] : []),
        { gatewayTransactionId: notified.id },
      ],
    },
    select: { id: true, status: true, gatewayTransactionId: true },
  });
  const gp = payment ? await currentState(gateway, notified.id) : null;
  const isSamePayment =
    payment &&
    gp &&
    (gp.reference === payment.id || (gp.id === payment.gatewayTransactionId && !gp.reference));
  if (!payment || !isSamePayment) {
    if (payment) log.warn(`[webhooks] event ${event.id} names payment ${payment.id}, the gateway does not`);
    await processed();
    return "not_ours";
  }
  const before = payment.status;
  const after = await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: gp, source: "webhook" });
  if (before !== "RETURNED" && after === "RETURNED") await emailReturnedPayment(payment.id);
  await processed();
  return "applied";
};

/** The gateway's own record of a payment; null when it has none (the event was not about a real payment). */
const currentState = async (gateway: TGateway, gatewayPaymentId: string) => {
  try {
    return await gateway.getPayment(gatewayPaymentId);
  } catch (error) {
    if (isGatewayError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  }
};

/** An ACH return puts the balance back; the payer must hear of it. */
const emailReturnedPayment = async (paymentId: string) => {
  const db = await getDb();
  const p = await db.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      receiptNumber: true,
      amountCents: true,
      currency: true,
      payerEmail: true,
      payerLocale: true,
      returnedAt: true,
      payer: { select: { email: true, locale: true } },
      account: { select: { practice: { select: { id: true, name: true, phone: true } } } },
    },
  });
  const to = p.payer?.email ?? p.payerEmail;
  if (!to) return;
  const practice = p.account.practice;
  await sendEmail(
    paymentReturnedEmail({
      to,
      practice,
      amountCents: p.amountCents,
      currency: p.currency,
      receiptNumber: p.receiptNumber,
      // The payer's saved language, or the one a guest paid in.
      locale: localeOr(p.payer ? p.payer.locale : p.payerLocale),
    }),
  );
};
