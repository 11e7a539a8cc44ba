import "server-only";
import { accountsWhere } from "@/lib/access/rule";
import { SAVED_METHOD_LABEL_SELECT } from "@/lib/method-label";
import { getDb } from "@/lib/db";

const ENROLLMENT_SELECT = {
  id: true,
  status: true,
  limitCents: true,
  createdAt: true,
  consentedAt: true,
  consentVersion: true,
  cancelledAt: true,
  source: true,
  paymentMethod: { select: { id: true, ...SAVED_METHOD_LABEL_SELECT, removedAt: true, userId: true } },
} as const;

/**
 * The accounts the patient may manage (their linked ones, and those shared with them with the
 * MANAGE scope), each with its active enrolment (whoever made it) and the practice's terms. An
 * enrolment's method is left out unless it is the viewer's own, or (for the guarantor) the
 * account's own from the practice's file: an authorized payer never sees the guarantor's saved
 * methods, nor the guarantor a family member's, which is only "a family member's card" or bank
 * account (`familyKind`), beside who set it up (`setUpBy`; docs/security.md).
 */
export const listAutopayAccounts = async (userId: string) => {
  const db = await getDb();
  const accounts = await db.account.findMany({
    where: accountsWhere({ userId, need: "manage" }),
    orderBy: { accountNumber: "asc" },
    select: {
      id: true,
      accountNumber: true,
      practice: { select: { name: true, autopayDaysAfterStatement: true, autopayReminderDays: true } },
      links: { where: { userId }, select: { id: true } },
      // Whoever set it up: this patient, another person on the account, or the practice (a file).
      autopay: {
        where: { status: "ACTIVE" },
        select: { ...ENROLLMENT_SELECT, userId: true, user: { select: { firstName: true, lastName: true } } },
        take: 1,
      },
    },
  });
  return accounts.map(({ links, autopay, ...account }) => {
    const isShared = links.length === 0;
    return {
      ...account,
      isShared,
      autopay: autopay.map(({ user, paymentMethod, ...e }) => {
        const owner = paymentMethod.userId;
        const isVisible = owner === userId || (owner === null && !isShared);
        const isFamilys = !isShared && owner !== null && owner !== userId;
        return {
          ...e,
          paymentMethod: isVisible ? paymentMethod : null,
          familyKind: isFamilys ? (paymentMethod.kind === "ACH" ? "BANK" : "CARD") : null,
          setUpBy: user && e.userId !== userId ? `${user.firstName} ${user.lastName}` : null,
        };
      }),
    };
  });
};
export type TAutopayAccount = Awaited<ReturnType<typeof listAutopayAccounts>>[number];

/**
 * An account's enrolments for the staff console (an account of the staff member's practice), the
 * active one first, then the latest ended ones.
 */
export const listAutopayForAccount = async ({
  practiceId,
  accountId,
}: {
  practiceId: string;
  accountId: string;
}) => {
  const db = await getDb();
  return db.autopayEnrollment.findMany({
    where: { accountId, account: { practiceId } },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 5,
    select: { ...ENROLLMENT_SELECT, cancelledByUserId: true, user: { select: { email: true } } },
  });
};
export type TStaffAutopay = Awaited<ReturnType<typeof listAutopayForAccount>>[number];
