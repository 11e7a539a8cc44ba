import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import type { TRequestContext } from "@/lib/request-context";
import { savedMethodGatewayError } from "@/lib/saved-methods/gateway-errors";
import { methodInUseMessage } from "@/lib/saved-methods/messages";
import { findOwnMethod, ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/** Where a method is still needed: active payment plans and autopay enrolments. */
const methodUsage = async (methodId: string) => {
  const db = await getDb();
  const [plans, autopay] = await Promise.all([
    db.paymentPlan.findMany({
      where: { paymentMethodId: methodId, status: "ACTIVE" },
      select: { account: { select: { accountNumber: true } } },
    }),
    db.autopayEnrollment.findMany({
      where: { paymentMethodId: methodId, status: "ACTIVE" },
      select: { account: { select: { accountNumber: true } } },
    }),
  ]);
  return {
    planAccounts: plans.map((p) => p.account.accountNumber),
    autopayAccounts: autopay.map((a) => a.account.accountNumber),
  };
};

/**
 * Removes a method from the wallet and from the gateway's vault, unless an active plan or
 * autopay still charges it (the message says where). If it was the default, the newest
 * remaining method becomes the default. Past payments keep showing it (brand and last 4).
 */
export const removeMethod = async ({
  owner,
  methodId,
  idempotencyKey,
  context,
  gateway = getGateway(),
}: {
  owner: TMethodOwner;
  methodId: string;
  idempotencyKey: string;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const usage = await methodUsage(method.id);
  if (usage.planAccounts.length + usage.autopayAccounts.length > 0) {
    throw new AppError("METHOD_IN_USE", { userMessage: methodInUseMessage(usage) });
  }
  await gateway
    .deletePaymentMethod({ methodId: method.gatewayToken, idempotencyKey })
    .catch(savedMethodGatewayError);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.paymentMethod.update({
      where: { id: method.id },
      data: { removedAt: new Date(), isDefault: false, staffChargeConsentAt: null },
    });
    if (method.isDefault) {
      const next = await tx.paymentMethod.findFirst({
        where: { userId: owner.userId, removedAt: null },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true },
      });
      if (next) await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true } });
    }
  });
  await recordAudit({
    actor: ownerActor(owner),
    action: "wallet.method_removed",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { kind: method.kind, last4: method.last4 },
  });
};
