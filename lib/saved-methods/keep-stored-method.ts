import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { TGatewayStoredMethod } from "@/lib/gateway/types";
import type { TRequestContext } from "@/lib/request-context";
import { ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/** The portal's row for a vault entry: display facts and the gateway's id, never a number. */
const methodData = (stored: TGatewayStoredMethod) => ({
  kind: stored.kind === "ach" ? ("ACH" as const) : ("CARD" as const),
  gatewayToken: stored.id,
  brand: stored.kind === "card" ? stored.brand : null,
  last4: stored.last4,
  expMonth: stored.expMonth,
  expYear: stored.expYear,
  bankName: stored.bankName,
  bankAccountType:
    stored.bankAccountType === "checking"
      ? ("CHECKING" as const)
      : stored.bankAccountType === "savings"
        ? ("SAVINGS" as const)
        : null,
  billingZip: stored.billingZip,
  fingerprint: stored.fingerprint,
});

/**
 * Keeps a method the gateway has stored (after a payment with "save for future payments", or
 * from the wallet's add form) in the owner's wallet. The first method becomes the default.
 * The same vault entry twice is one method.
 */
export const keepStoredMethod = async ({
  owner,
  stored,
  holderName,
  nickname = null,
  makeDefault = false,
  context,
}: {
  owner: TMethodOwner;
  stored: TGatewayStoredMethod;
  holderName: string | null;
  nickname?: string | null;
  makeDefault?: boolean;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const method = await db.$transaction(async (tx) => {
    const existing = await tx.paymentMethod.findUnique({ where: { gatewayToken: stored.id } });
    if (existing) {
      if (existing.userId !== owner.userId) throw notFoundError("payment method");
      return existing;
    }
    const others = await tx.paymentMethod.count({ where: { userId: owner.userId, removedAt: null } });
    const isDefault = makeDefault || others === 0;
    if (isDefault) {
      await tx.paymentMethod.updateMany({
        where: { userId: owner.userId, isDefault: true },
        data: { isDefault: false },
      });
    }
    return tx.paymentMethod.create({
      data: { ...methodData(stored), userId: owner.userId, holderName, nickname, isDefault },
    });
  });
  await recordAudit({
    actor: ownerActor(owner),
    action: "wallet.method_added",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { kind: method.kind, last4: method.last4, isDefault: method.isDefault },
  });
  return method;
};
