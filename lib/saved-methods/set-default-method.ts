import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import type { TRequestContext } from "@/lib/request-context";
import { findOwnMethod, ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/** Makes one method the default: the pay page and new plans choose it first. */
export const setDefaultMethod = async ({
  owner,
  methodId,
  context,
}: {
  owner: TMethodOwner;
  methodId: string;
  context: TRequestContext;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.$transaction([
    db.paymentMethod.updateMany({
      where: { userId: owner.userId, isDefault: true, NOT: { id: method.id } },
      data: { isDefault: false },
    }),
    db.paymentMethod.update({ where: { id: method.id }, data: { isDefault: true } }),
  ]);
  await recordAudit({
    actor: ownerActor(owner),
    action: "wallet.default_set",
    target: { type: "PaymentMethod", id: method.id },
    context,
  });
};
