import "server-only";
import type { PaymentMethodKind } from "@/lib/generated/prisma/enums";
import { readRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { DEFAULT_TIME_ZONE, todayInZone } from "@/lib/dates";
import { expiryState, type TExpiryState } from "@/lib/saved-methods/expiry";

export type TWalletMethod = {
  id: string;
  kind: PaymentMethodKind;
  brand: string | null;
  bankName: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  expiry: TExpiryState;
  nickname: string | null;
  holderName: string | null;
  isDefault: boolean;
  staffChargeConsentAt: Date | null;
  /** Accounts whose active plan or autopay charges this method. */
  usedBy: { planAccounts: string[]; autopayAccounts: string[] };
};

type TWalletRow = Omit<TWalletMethod, "expiry" | "usedBy"> & {
  planAccounts: string[];
  autopayAccounts: string[];
};

/**
 * A patient's saved methods, default first, then newest. "Today" for expiry is the day in the
 * zone of the practice of their first linked account (a card is good through the end of its
 * month where the patient is, not in UTC).
 */
export const listWalletMethods = async ({
  userId,
}: {
  userId: string;
}): Promise<{ methods: TWalletMethod[]; timeZone: string }> => {
  // Two statements on the hot path's reader: the pay page shows the wallet (docs/database.md,
  // "Hot paths"); Prisma's select of it was eight queries.
  const [rows, zones] = await Promise.all([
    readRows<TWalletRow>(sql`
      SELECT m.id, m.kind::text AS kind, m.brand, m."bankName", m.last4, m."expMonth", m."expYear",
             m.nickname, m."holderName", m."isDefault", m."staffChargeConsentAt",
             ARRAY(SELECT a."accountNumber" FROM "payment_plan" pp JOIN "account" a ON a.id = pp."accountId"
                    WHERE pp."paymentMethodId" = m.id AND pp.status = 'ACTIVE'
                    ORDER BY pp."createdAt", pp.id) AS "planAccounts",
             ARRAY(SELECT a."accountNumber" FROM "autopay_enrollment" e JOIN "account" a ON a.id = e."accountId"
                    WHERE e."paymentMethodId" = m.id AND e.status = 'ACTIVE'
                    ORDER BY e."createdAt", e.id) AS "autopayAccounts"
        FROM "payment_method" m
       WHERE m."userId" = ${userId} AND m."removedAt" IS NULL
       ORDER BY m."isDefault" DESC, m."createdAt" DESC, m.id DESC`),
    readRows<{ timeZone: string }>(sql`
      SELECT pr."timeZone" FROM "account_link" l
        JOIN "account" a ON a.id = l."accountId" JOIN "practice" pr ON pr.id = a."practiceId"
       WHERE l."userId" = ${userId}
       ORDER BY l."createdAt" LIMIT 1`),
  ]);
  const timeZone = zones[0]?.timeZone ?? DEFAULT_TIME_ZONE;
  const today = todayInZone(timeZone);
  const methods = rows.map(({ planAccounts, autopayAccounts, ...m }) => ({
    ...m,
    expiry: expiryState(m, today),
    usedBy: { planAccounts, autopayAccounts },
  }));
  return { methods, timeZone };
};
