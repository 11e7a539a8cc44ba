import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccountAccessEndReason } from "@/lib/generated/prisma/enums";
import { accountsWhere } from "@/lib/access/rule";
import type { TAccessActor, TAccessStaffActor } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Ends the one access `where` finds (an invitation still pending or an accepted access): ENDED
 * with the reason and who ended it, and its link spent. Conditional on it not having ended
 * meanwhile, so of two simultaneous ends one wins and the other is NOT_FOUND, like a missing or
 * someone else's access. The payer loses the account from their next request on (the access
 * rule reads only ACTIVE access); payments already made stay.
 */
const endAccess = async ({
  where,
  reason,
  actor,
  action,
  context,
}: {
  where: Prisma.AccountAccessWhereInput;
  reason: AccountAccessEndReason;
  actor: TAccessActor;
  action: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const now = getClock().now();
  return db.$transaction(async (tx) => {
    const access = await tx.accountAccess.findFirst({
      where: { ...where, status: { in: ["PENDING", "ACTIVE"] } },
      select: {
        id: true,
        status: true,
        scope: true,
        accountId: true,
        account: { select: { accountNumber: true } },
      },
    });
    if (!access) throw notFoundError("account access");
    const { count } = await tx.accountAccess.updateMany({
      where: { id: access.id, status: access.status },
      data: {
        status: "ENDED",
        endReason: reason,
        endedAt: now,
        endedByUserId: actor.userId,
        tokenHash: null,
      },
    });
    if (count === 0) throw notFoundError("account access");
    await recordAudit(
      {
        actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
        action,
        target: { type: "AccountAccess", id: access.id },
        context,
        metadata: {
          accountId: access.accountId,
          accountNumber: access.account.accountNumber,
          scope: access.scope,
          wasPending: access.status === "PENDING",
        },
      },
      tx,
    );
    return { accessId: access.id, accountId: access.accountId, accountNumber: access.account.accountNumber };
  });
};

/** The guarantor withdraws an invitation or revokes an accepted access on an account of theirs. */
export const revokeAccess = ({
  actor,
  accessId,
  context,
}: {
  actor: TAccessActor;
  accessId: string;
  context: TRequestContext;
}) =>
  endAccess({
    where: { id: accessId, account: accountsWhere({ userId: actor.userId, need: "share" }) },
    reason: "REVOKED",
    actor,
    action: "account_access.revoked",
    context,
  });

/** The authorized payer leaves an account shared with them. */
export const leaveAccount = ({
  actor,
  accessId,
  context,
}: {
  actor: TAccessActor;
  accessId: string;
  context: TRequestContext;
}) =>
  endAccess({
    where: { id: accessId, payerUserId: actor.userId },
    reason: "LEFT",
    actor,
    action: "account_access.left",
    context,
  });

/** Staff (`accounts.access`, checked by the action) remove an access on an account of their practice. */
export const removeAccessByStaff = ({
  actor,
  accessId,
  context,
}: {
  actor: TAccessStaffActor;
  accessId: string;
  context: TRequestContext;
}) =>
  endAccess({
    where: { id: accessId, account: { practiceId: actor.practiceId } },
    reason: "REMOVED_BY_STAFF",
    actor,
    action: "account_access.removed_by_staff",
    context,
  });
