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
  paymentMethod: { select: { id: true, ...SAVED_METHOD_LABEL_SELECT, removedAt: true } },
} as const;

/** The patient's linked accounts, each with its active enrolment (whoever made it) and the practice's terms. */
export const listAutopayAccounts = async (userId: string) => {
  const db = await getDb();
  return db.account.findMany({
    where: accountsWhere({ userId, need: "manage" }),
    orderBy: { accountNumber: "asc" },
    select: {
      id: true,
      accountNumber: true,
      practice: { select: { name: true, autopayDaysAfterStatement: true, autopayReminderDays: true } },
      // Whoever set it up: this patient, another person on the account, or the practice (a file).
      autopay: { where: { status: "ACTIVE" }, select: { ...ENROLLMENT_SELECT, userId: true }, take: 1 },
    },
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
    select: { ...ENROLLMENT_SELECT, user: { select: { email: true } } },
  });
};
export type TStaffAutopay = Awaited<ReturnType<typeof listAutopayForAccount>>[number];
