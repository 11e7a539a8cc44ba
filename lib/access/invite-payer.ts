import "server-only";
import { invitationEmail } from "@/lib/access/emails";
import { localeOr } from "@/lib/locale";
import { ACCOUNT_NAME_SELECT, guarantorName } from "@/lib/account-name";
import { accountsWhere } from "@/lib/access/rule";
import type { TInvitePayerInput } from "@/lib/access/schemas";
import { hashInvitationToken, newInvitationToken } from "@/lib/access/token";
import type { TAccessActor } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/env";
import { AppError, notFoundError } from "@/lib/errors";
import { ACCESS_ERRORS } from "@/lib/access/messages";
import { takeFromBudget } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";

/** An invitation link works for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** At most this many invitations from one guarantor an hour (each is an email to an address they typed). */
export const INVITATIONS_PER_HOUR = { max: 10, windowMs: 60 * 60_000 } as const;

/** Where the emailed link points; the token is spent by the page's button, not by opening it. */
export const invitationPath = (token: string) => `/account-invitation?token=${encodeURIComponent(token)}`;

const fieldError = (email: string) =>
  new AppError("VALIDATION", {
    userMessage: ACCESS_ERRORS.correctFields,
    fieldErrors: { email: [email] },
  });

/**
 * A guarantor (a user linked to the account: lib/access/rule.ts, need "share") invites someone
 * by email to see (VIEW) or see and pay (PAY) that one account. The link is single use, expires
 * in 7 days and is unguessable (256 random bits; only its SHA-256 is stored). Inviting the same
 * address to the same account again replaces the pending invitation (the old link stops
 * working). Audited as `account_access.invited`; the email goes once the invitation is stored.
 */
export const invitePayer = async ({
  actor,
  input,
  context,
}: {
  actor: TAccessActor;
  input: TInvitePayerInput;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const inviteeEmail = input.email.trim().toLowerCase();
  const account = await db.account.findFirst({
    where: { id: input.accountId, ...accountsWhere({ userId: actor.userId, need: "share" }) },
    select: { ...ACCOUNT_NAME_SELECT, practiceId: true, practice: { select: { name: true } } },
  });
  if (!account) throw notFoundError("account");
  if (inviteeEmail === actor.email.toLowerCase()) {
    throw fieldError(ACCESS_ERRORS.ownEmail);
  }
  const [isGuarantor, hasAccess] = await Promise.all([
    db.accountLink.count({ where: { accountId: account.id, user: { email: inviteeEmail } } }),
    db.accountAccess.count({
      where: { accountId: account.id, status: "ACTIVE", payer: { email: inviteeEmail } },
    }),
  ]);
  if (isGuarantor > 0) throw fieldError(ACCESS_ERRORS.alreadyGuarantor);
  if (hasAccess > 0) {
    throw fieldError(ACCESS_ERRORS.alreadyHasAccess);
  }
  if (!(await takeFromBudget({ bucket: "mail:payer-invite", key: actor.userId, ...INVITATIONS_PER_HOUR }))) {
    throw new AppError("RATE_LIMITED", {
      userMessage: ACCESS_ERRORS.invitationsLimited,
    });
  }
  const token = newInvitationToken();
  const now = getClock().now();
  const access = await db.$transaction(async (tx) => {
    await tx.accountAccess.updateMany({
      where: { accountId: account.id, inviteeEmail, status: "PENDING" },
      data: {
        status: "ENDED",
        endReason: "REPLACED",
        endedAt: now,
        endedByUserId: actor.userId,
        tokenHash: null,
      },
    });
    const created = await tx.accountAccess.create({
      data: {
        accountId: account.id,
        invitedByUserId: actor.userId,
        inviteeEmail,
        scope: input.scope,
        tokenHash: hashInvitationToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
        action: "account_access.invited",
        target: { type: "AccountAccess", id: created.id },
        context,
        metadata: {
          accountId: account.id,
          accountNumber: account.accountNumber,
          scope: input.scope,
          inviteeEmail,
        },
      },
      tx,
    );
    return created;
  });
  const [inviter, invitee] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { firstName: true, lastName: true, locale: true },
    }),
    db.user.findUnique({ where: { email: inviteeEmail }, select: { locale: true } }),
  ]);
  await sendEmail(
    invitationEmail({
      to: inviteeEmail,
      practiceId: account.practiceId,
      practiceName: account.practice.name,
      inviterName: `${inviter.firstName} ${inviter.lastName}`,
      inviterFirstName: inviter.firstName,
      guarantorName: guarantorName(account),
      scope: input.scope,
      link: appUrl(invitationPath(token)),
      // The invitee's language if they have a login (and chose one), else the inviter's.
      locale: localeOr(invitee?.locale, localeOr(inviter.locale)),
    }),
  );
  return { accessId: access.id, inviteeEmail, scope: input.scope };
};
