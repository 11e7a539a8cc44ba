import "server-only";
import type { AccountAccessScope, AccountAccessStatus } from "@/lib/generated/prisma/enums";
import { ACCOUNT_NAME_SELECT, guarantorName } from "@/lib/account-name";
import { accountsWhere } from "@/lib/access/rule";
import { sharedAccountLabel } from "@/lib/access/scope";
import { hashInvitationToken } from "@/lib/access/token";
import { getClock } from "@/lib/clock";
import { getDb, readRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";

/** An account shared with the user (their ACTIVE access as an authorized payer). */
export type TSharedAccount = {
  accessId: string;
  accountId: string;
  accountNumber: string;
  guarantorName: string;
  practiceName: string;
  scope: AccountAccessScope;
  /** "Jane Doe's account — you can view and pay". */
  label: string;
  acceptedAt: Date | null;
};

/**
 * The accounts shared with the user (not also linked to their login), by guarantor name: what
 * their pages show beside their own accounts.
 */
export const listSharedAccounts = async ({ userId }: { userId: string }): Promise<TSharedAccount[]> => {
  // One statement past Prisma: the bills page asks on every visit (docs/database.md, "Hot paths").
  // An account they also have in their own login (linked since) is theirs, not shared.
  const rows = await readRows<{
    accessId: string;
    scope: AccountAccessScope;
    acceptedAt: Date | null;
    accountId: string;
    accountNumber: string;
    guarantorFirstName: string;
    guarantorLastName: string;
    practiceName: string;
  }>(sql`
    SELECT aa.id AS "accessId", aa.scope::text AS scope, aa."acceptedAt", a.id AS "accountId",
           a."accountNumber", a."guarantorFirstName", a."guarantorLastName", p.name AS "practiceName"
    FROM "account_access" aa
    JOIN "account" a ON a.id = aa."accountId"
    JOIN "practice" p ON p.id = a."practiceId"
    WHERE aa."payerUserId" = ${userId} AND aa.status = 'ACTIVE'
      AND NOT EXISTS (SELECT 1 FROM "account_link" l WHERE l."accountId" = a.id AND l."userId" = ${userId})
    ORDER BY aa."acceptedAt" ASC, aa.id ASC`);
  return rows.map((r) => {
    const name = guarantorName(r);
    return {
      accessId: r.accessId,
      accountId: r.accountId,
      accountNumber: r.accountNumber,
      guarantorName: name,
      practiceName: r.practiceName,
      scope: r.scope,
      label: sharedAccountLabel({ guarantorName: name, scope: r.scope }),
      acceptedAt: r.acceptedAt,
    };
  });
};

/**
 * What the user is to one account they may see: its guarantor, an authorized payer with a scope,
 * or nothing (null: the page is NOT_FOUND anyway).
 */
export const getAccountRelation = async ({
  userId,
  accountId,
}: {
  userId: string;
  accountId: string;
}): Promise<{ kind: "guarantor" } | { kind: "payer"; scope: AccountAccessScope; label: string } | null> => {
  const db = await getDb();
  const [link, access] = await Promise.all([
    db.accountLink.findFirst({ where: { userId, accountId }, select: { id: true } }),
    db.accountAccess.findFirst({
      where: { payerUserId: userId, accountId, status: "ACTIVE" },
      select: { scope: true, account: { select: ACCOUNT_NAME_SELECT } },
    }),
  ]);
  if (link) return { kind: "guarantor" };
  if (!access) return null;
  return {
    kind: "payer",
    scope: access.scope,
    label: sharedAccountLabel({ guarantorName: guarantorName(access.account), scope: access.scope }),
  };
};

/** One access as the guarantor's and staff pages list it. */
export type TAccessRow = {
  accessId: string;
  status: AccountAccessStatus;
  /** A pending invitation whose link has expired (it can only be withdrawn). */
  isExpired: boolean;
  scope: AccountAccessScope;
  inviteeEmail: string;
  payerName: string | null;
  payerEmail: string | null;
  invitedAt: Date;
  acceptedAt: Date | null;
};

const accessRowSelect = {
  id: true,
  status: true,
  expiresAt: true,
  scope: true,
  inviteeEmail: true,
  createdAt: true,
  acceptedAt: true,
  payer: { select: { firstName: true, lastName: true, email: true } },
} as const;

const toAccessRow = (
  r: {
    id: string;
    status: AccountAccessStatus;
    expiresAt: Date;
    scope: AccountAccessScope;
    inviteeEmail: string;
    createdAt: Date;
    acceptedAt: Date | null;
    payer: { firstName: string; lastName: string; email: string } | null;
  },
  now: Date,
): TAccessRow => ({
  accessId: r.id,
  status: r.status,
  isExpired: r.status === "PENDING" && r.expiresAt <= now,
  scope: r.scope,
  inviteeEmail: r.inviteeEmail,
  payerName: r.payer ? `${r.payer.firstName} ${r.payer.lastName}` : null,
  payerEmail: r.payer?.email ?? null,
  invitedAt: r.createdAt,
  acceptedAt: r.acceptedAt,
});

/** The accounts the user manages (their own), each with its pending invitations and accepted access. */
export const listAccessForGuarantor = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  const now = getClock().now();
  const accounts = await db.account.findMany({
    where: accountsWhere({ userId, need: "share" }),
    orderBy: { accountNumber: "asc" },
    select: {
      ...ACCOUNT_NAME_SELECT,
      practice: { select: { name: true } },
      access: {
        where: { status: { in: ["PENDING", "ACTIVE"] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: accessRowSelect,
      },
    },
  });
  return accounts.map((a) => ({
    accountId: a.id,
    accountNumber: a.accountNumber,
    guarantorName: guarantorName(a),
    practiceName: a.practice.name,
    access: a.access.map((r) => toAccessRow(r, now)),
  }));
};

/** For staff: who has access to an account of their practice (pending invitations and accepted access). */
export const listAccessForStaff = async ({
  practiceId,
  accountId,
}: {
  practiceId: string;
  accountId: string;
}) => {
  const db = await getDb();
  const now = getClock().now();
  const rows = await db.accountAccess.findMany({
    where: { accountId, account: { practiceId }, status: { in: ["PENDING", "ACTIVE"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: accessRowSelect,
  });
  return rows.map((r) => toAccessRow(r, now));
};

/**
 * What an invitation link's page shows: whose account, who invited, for what, and whether the
 * link still works. null for a token that names no invitation. Reading it spends nothing.
 */
export const getInvitationByToken = async ({ token }: { token: string }) => {
  if (!token) return null;
  const db = await getDb();
  const row = await db.accountAccess.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      status: true,
      expiresAt: true,
      scope: true,
      inviteeEmail: true,
      invitedBy: { select: { firstName: true, lastName: true } },
      account: { select: { ...ACCOUNT_NAME_SELECT, practice: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  return {
    isUsable: row.status === "PENDING" && row.expiresAt > getClock().now(),
    scope: row.scope,
    inviteeEmail: row.inviteeEmail,
    inviterName: `${row.invitedBy.firstName} ${row.invitedBy.lastName}`,
    guarantorName: guarantorName(row.account),
    practiceName: row.account.practice.name,
  };
};
