import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import type { TRequestContext } from "@/lib/request-context";
import { findOwnMethod, ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/** Gives a method a nickname, or takes it away (null). */
export const renameMethod = async ({
  owner,
  methodId,
  nickname,
  context,
}: {
  owner: TMethodOwner;
  methodId: string;
  nickname: string | null;
  context: TRequestContext;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.paymentMethod.update({ where: { id: method.id }, data: { nickname } });
  await recordAudit({
    actor: ownerActor(owner),
    action: "wallet.method_renamed",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { from: method.nickname, to: nickname },
  });
};
