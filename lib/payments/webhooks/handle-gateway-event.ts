import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { appUrl } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import { formatCents } from "@/lib/money";
import type { TGatewayEvent } from "@/lib/gateway/types";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";

export type THandleResult = "applied" | "duplicate" | "not_ours";

/**
 * Applies one verified gateway event. The event is recorded first (unique event id), so a
 * redelivery of a processed event changes nothing; an event whose earlier delivery failed
 * half-way is applied again (every step is idempotent). Events about payments that are not
 * ours (no matching reference) are acknowledged and ignored.
 */
export const handleGatewayEvent = async (event: TGatewayEvent): Promise<THandleResult> => {
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

  const gp = event.data.payment;
  const payment = await db.payment.findFirst({
    where: { OR: [...(gp.reference ? [{ id: gp.reference }] : []), { gatewayTransactionId: gp.id }] },
    select: { id: true, status: true },
  });
  if (!payment) {
    await db.gatewayEvent.update({ where: { eventId: event.id }, data: { processedAt: new Date() } });
    return "not_ours";
  }
  const before = payment.status;
  const after = await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: gp, source: "webhook" });
  if (event.type === "payment.returned" && before !== "RETURNED" && after === "RETURNED") {
    await emailReturnedPayment(payment.id);
  }
  await db.gatewayEvent.update({ where: { eventId: event.id }, data: { processedAt: new Date() } });
  return "applied";
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
      returnedAt: true,
      payer: { select: { email: true } },
      account: { select: { practice: { select: { name: true, phone: true } } } },
    },
  });
  const to = p.payer?.email ?? p.payerEmail;
  if (!to) return;
  const practice = p.account.practice;
  await sendEmail({
    to,
    subject: `${practice.name}: your bank returned a payment`,
    text: `Your bank returned your payment of ${formatCents(p.amountCents, p.currency)} (receipt ${p.receiptNumber}), so it did not go through and the amount is due again.\n\nYou can pay it at ${appUrl("/")}${practice.phone ? ` or call us at ${practice.phone}` : ""}.`,
  });
};
