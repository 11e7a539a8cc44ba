import "server-only";
import type { PaymentMethodKind } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db";
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
  const db = await getDb();
  const [rows, link] = await Promise.all([
    db.paymentMethod.findMany({
      where: { userId, removedAt: null },
      orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        kind: true,
        brand: true,
        bankName: true,
        last4: true,
        expMonth: true,
        expYear: true,
        nickname: true,
        holderName: true,
        isDefault: true,
        staffChargeConsentAt: true,
        plans: { where: { status: "ACTIVE" }, select: { account: { select: { accountNumber: true } } } },
        autopay: { where: { status: "ACTIVE" }, select: { account: { select: { accountNumber: true } } } },
      },
    }),
    db.accountLink.findFirst({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { account: { select: { practice: { select: { timeZone: true } } } } },
    }),
  ]);
  const timeZone = link?.account.practice.timeZone ?? DEFAULT_TIME_ZONE;
  const today = todayInZone(timeZone);
  const methods = rows.map(({ plans, autopay, ...m }) => ({
    ...m,
    expiry: expiryState(m, today),
    usedBy: {
      planAccounts: plans.map((p) => p.account.accountNumber),
      autopayAccounts: autopay.map((a) => a.account.accountNumber),
    },
  }));
  return { methods, timeZone };
};
