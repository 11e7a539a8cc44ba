import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prismaSql, sql, type TSqlFragment } from "@/lib/db/sql";
import { SCOPES_ALLOWING, type TAccountNeed } from "@/lib/access/scope";

/**
 * THE access rule for patients: the accounts a signed-in user may see, pay, manage or share. Every
 * patient query and use case scopes by it (docs/security.md, "Who may see an account"):
 *
 * - a guarantor (an `account_link` of the user to the account) may do everything;
 * - an authorized payer (an ACTIVE `account_access` naming the user as payer) may do what the
 *   scope allows (lib/access/scope.ts: VIEW sees, PAY sees and pays, MANAGE also sets up,
 *   changes and cancels plans and autopay; nobody but the guarantor shares the account).
 *
 * Access that ends (revoked, left, removed by staff) is no longer ACTIVE, so the next request
 * sees nothing of the account. Both forms below say the same thing: one for Prisma's `where`,
 * one for the raw SQL of the payment path.
 */
export const accountsWhere = ({
  userId,
  need,
}: {
  userId: string;
  need: TAccountNeed;
}): Prisma.AccountWhereInput => {
  const scopes = SCOPES_ALLOWING[need];
  if (scopes.length === 0) return { links: { some: { userId } } };
  return {
    OR: [
      { links: { some: { userId } } },
      { access: { some: { payerUserId: userId, status: "ACTIVE", scope: { in: [...scopes] } } } },
    ],
  };
};

/**
 * SQL: the account whose id is in `accountId` (a column written in the code, e.g. sql.raw(`s."accountId"`))
 * is one the user may use for `need` (the same rule as accountsWhere), for a `TSqlConnection`
 * query or, through accountSql, Prisma's $queryRaw.
 */
export const accountSqlFragment = ({
  userId,
  need,
  accountId,
}: {
  userId: string;
  need: TAccountNeed;
  accountId: TSqlFragment;
}): TSqlFragment => {
  const link = sql`EXISTS (SELECT 1 FROM "account_link" l WHERE l."accountId" = ${accountId} AND l."userId" = ${userId})`;
  const scopes = SCOPES_ALLOWING[need];
  if (scopes.length === 0) return link;
  return sql`(${link} OR EXISTS (SELECT 1 FROM "account_access" aa WHERE aa."accountId" = ${accountId} AND aa."payerUserId" = ${userId} AND aa.status = 'ACTIVE' AND aa.scope::text = ANY(${[...scopes]}::text[])))`;
};

/** The same rule as accountSqlFragment, as Prisma's Prisma.Sql (`column` is written in the code: `s."accountId"`). */
export const accountSql = ({
  userId,
  need,
  column,
}: {
  userId: string;
  need: TAccountNeed;
  column: string;
}) => prismaSql(accountSqlFragment({ userId, need, accountId: sql.raw(column) }));
