import "server-only";
import { guarantorName } from "@/lib/account-name";
import { maskEmail } from "@/lib/access/scope";
import { hashInvitationToken } from "@/lib/access/token";
import type { TAccessActor } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { INVITATION_MESSAGES } from "@/lib/access/messages";
import type { TRequestContext } from "@/lib/request-context";

const invalidLink = () =>
  new AppError("TOKEN_INVALID", {
    userMessage: INVITATION_MESSAGES.invitationLinkInvalid,
  });

/**
 * The invitee, signed in with the address the invitation was sent to, accepts it: the access
 * becomes ACTIVE with them as the payer, and the link is spent (its hash cleared). Under the
 * account's row lock, so two acceptances of one link, or of two links to one account, make one
 * access. Someone signed in with another address is refused (a forwarded link is not theirs),
 * as is a guarantor of the account or someone who already has access to it. Audited as
 * `account_access.accepted`, with the payer as the actor.
 */
export const acceptInvitation = async ({
  actor,
  token,
  context,
}: {
  actor: TAccessActor;
  token: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const tokenHash = hashInvitationToken(token);
  const now = getClock().now();
  return db.$transaction(async (tx) => {
    const invitation = await tx.accountAccess.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        status: true,
        expiresAt: true,
        inviteeEmail: true,
        scope: true,
        accountId: true,
        account: { select: { accountNumber: true, guarantorFirstName: true, guarantorLastName: true } },
      },
    });
    if (!invitation || invitation.status !== "PENDING" || invitation.expiresAt <= now) throw invalidLink();
    if (invitation.inviteeEmail !== actor.email.toLowerCase()) {
      throw new AppError("FORBIDDEN", {
        message: "invitation for another address",
        userMessage: INVITATION_MESSAGES.invitationForAnother(maskEmail(invitation.inviteeEmail)),
      });
    }
    await tx.$queryRaw`SELECT id FROM "account" WHERE id = ${invitation.accountId} FOR UPDATE`;
    const [isGuarantor, hasAccess] = await Promise.all([
      tx.accountLink.count({ where: { accountId: invitation.accountId, userId: actor.userId } }),
      tx.accountAccess.count({
        where: { accountId: invitation.accountId, payerUserId: actor.userId, status: "ACTIVE" },
      }),
    ]);
    if (isGuarantor > 0 || hasAccess > 0) {
      throw new AppError("CONFLICT", { userMessage: INVITATION_MESSAGES.invitationAlreadyHave });
    }
    // Conditional on the link still being unspent: of two acceptances at once only one wins.
    const { count } = await tx.accountAccess.updateMany({
      where: { id: invitation.id, status: "PENDING", tokenHash },
      data: { status: "ACTIVE", payerUserId: actor.userId, acceptedAt: now, tokenHash: null },
    });
    if (count === 0) throw invalidLink();
    await recordAudit(
      {
        actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
        action: "account_access.accepted",
        target: { type: "AccountAccess", id: invitation.id },
        context,
        metadata: {
          accountId: invitation.accountId,
          accountNumber: invitation.account.accountNumber,
          scope: invitation.scope,
        },
      },
      tx,
    );
    return {
      accessId: invitation.id,
      accountId: invitation.accountId,
      guarantorName: guarantorName(invitation.account),
      scope: invitation.scope,
    };
  });
};
