import "server-only";
import type { TAuditActor } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";

/** The patient whose saved methods these are. */
export type TMethodOwner = { userId: string; email: string };

export const ownerActor = (owner: TMethodOwner): TAuditActor => ({
  kind: "user",
  userId: owner.userId,
  role: "PATIENT",
  label: owner.email,
});

/** A method of the owner's wallet that is still there; anyone else's is "not found", like a missing one. */
export const findOwnMethod = async (owner: { userId: string }, methodId: string) => {
  const db = await getDb();
  const method = await db.paymentMethod.findFirst({
    where: { id: methodId, userId: owner.userId, removedAt: null },
  });
  if (!method) throw notFoundError("payment method");
  return method;
};
