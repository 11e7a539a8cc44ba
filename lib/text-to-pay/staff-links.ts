import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { notFoundError } from "@/lib/errors";
import type { TRequestContext } from "@/lib/request-context";

/** Staff acting on an account's text links (permission `sms.links`, checked by the action), scoped by practice. */
export type TTextLinkStaffActor = { userId: string; email: string; role: Role; practiceId: string };

/**
 * What a link is now, as staff read it: a voided statement's link opens nothing whatever its
 * dates (lib/text-to-pay/open-link.ts), then a revoked one, then an expired one.
 */
export type TTextLinkStatus = "active" | "expired" | "revoked" | "voided";

export type TStaffTextLink = {
  id: string;
  statementId: string;
  statementNumber: string;
  createdAt: Date;
  expiresAt: Date;
  firstOpenedAt: Date | null;
  revokedAt: Date | null;
  status: TTextLinkStatus;
};

export const textLinkStatus = (
  link: { expiresAt: Date; revokedAt: Date | null; statement: { status: string } },
  now: Date,
): TTextLinkStatus =>
  link.statement.status === "VOIDED"
    ? "voided"
    : link.revokedAt
      ? "revoked"
      : link.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "active";

/** An account's text-to-pay links (one a statement), newest first; another practice's account has none. */
export const listTextLinksForStaff = async ({
  practiceId,
  accountId,
  now = getClock().now(),
}: {
  practiceId: string;
  accountId: string;
  now?: Date;
}): Promise<TStaffTextLink[]> => {
  const db = await getDb();
  const links = await db.textToPayLink.findMany({
    where: { statement: { accountId, account: { practiceId } } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      firstOpenedAt: true,
      revokedAt: true,
      statement: { select: { id: true, statementNumber: true, status: true } },
    },
  });
  return links.map((l) => ({
    id: l.id,
    statementId: l.statement.id,
    statementNumber: l.statement.statementNumber,
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    firstOpenedAt: l.firstOpenedAt,
    revokedAt: l.revokedAt,
    status: textLinkStatus(l, now),
  }));
};

/**
 * Staff revoke a text-to-pay link of an account of their practice: it opens nothing from this
 * instant (openTextToPayLink reads `revokedAt` on every opening). Audited as theirs
 * (`text_to_pay.link_revoked`, on the statement). Another practice's link, like a missing or an
 * already revoked one, is NOT_FOUND; nothing is written for it.
 */
export const revokeTextLinkByStaff = async ({
  actor,
  linkId,
  context,
}: {
  actor: TTextLinkStaffActor;
  linkId: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const now = getClock().now();
  return db.$transaction(async (tx) => {
    const link = await tx.textToPayLink.findFirst({
      where: { id: linkId, revokedAt: null, statement: { account: { practiceId: actor.practiceId } } },
      select: {
        id: true,
        statement: { select: { id: true, statementNumber: true, accountId: true } },
      },
    });
    if (!link) throw notFoundError("text link");
    const { count } = await tx.textToPayLink.updateMany({
      where: { id: link.id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) throw notFoundError("text link");
    await recordAudit(
      {
        actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
        action: "text_to_pay.link_revoked",
        target: { type: "Statement", id: link.statement.id },
        context,
        metadata: {
          linkId: link.id,
          statementNumber: link.statement.statementNumber,
          accountId: link.statement.accountId,
        },
      },
      tx,
    );
    return { accountId: link.statement.accountId, statementNumber: link.statement.statementNumber };
  });
};
