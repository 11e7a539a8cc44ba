import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
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

type TKeepOptions = {
  owner: TMethodOwner;
  stored: TGatewayStoredMethod;
  holderName: string | null;
  nickname?: string | null;
  makeDefault?: boolean;
  context: TRequestContext;
};

/**
 * Keeps a stored method in the owner's wallet inside the caller's transaction, with its audit
 * row: a plan or an autopay enrolment that pays with a card typed in its own form commits the
 * method and the agreement together, or neither. The same vault entry twice is the same row
 * (`isNew` false); another owner's is "not found".
 */
export const keepStoredMethodIn = async (
  tx: Prisma.TransactionClient,
  { owner, stored, holderName, nickname = null, makeDefault = false, context }: TKeepOptions,
) => {
  const existing = await tx.paymentMethod.findUnique({ where: { gatewayToken: stored.id } });
  if (existing) {
    if (existing.userId !== owner.userId) throw notFoundError("payment method");
    return { method: existing, isNew: false };
  }
  const others = await tx.paymentMethod.count({ where: { userId: owner.userId, removedAt: null } });
  const isDefault = makeDefault || others === 0;
  if (isDefault) {
    await tx.paymentMethod.updateMany({
      where: { userId: owner.userId, isDefault: true },
      data: { isDefault: false },
    });
  }
  const method = await tx.paymentMethod.create({
    data: { ...methodData(stored), userId: owner.userId, holderName, nickname, isDefault },
  });
  await recordAudit(
    {
      actor: ownerActor(owner),
      action: "wallet.method_added",
      target: { type: "PaymentMethod", id: method.id },
      context,
      metadata: { kind: method.kind, last4: method.last4, isDefault: method.isDefault },
    },
    tx,
  );
  return { method, isNew: true };
};

/**
 * Keeps a method the gateway has stored (after a payment with "save for future payments", or
 * from the wallet's add form) in the owner's wallet. The first method becomes the default.
 * The same vault entry twice is one method.
 */
export const keepStoredMethod = async (options: TKeepOptions) => {
  const db = await getDb();
  const { method } = await db.$transaction((tx) => keepStoredMethodIn(tx, options));
  return method;
};
