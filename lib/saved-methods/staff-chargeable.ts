import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";

/**
 * The saved methods billing staff may charge for an account (the virtual terminal, a plan staff
 * set up): still in a wallet, of a patient linked to the account (or kept for the account
 * itself), on an account of the staff member's practice, and only while the patient's consent
 * for staff to charge it stands (`staffChargeConsentAt`, given and withdrawn in the wallet;
 * off by default). Any other method is the same "not found" as a missing one.
 */
export const staffChargeableWhere = ({
  accountId,
  practiceId,
}: {
  accountId: string;
  practiceId: string;
}): Prisma.PaymentMethodWhereInput => ({
  removedAt: null,
  staffChargeConsentAt: { not: null },
  OR: [
    { account: { id: accountId, practiceId } },
    { user: { accountLinks: { some: { accountId, account: { practiceId } } } } },
  ],
});

/** One method staff may charge for the account, or NOT_FOUND. */
export const findStaffChargeableMethod = async (
  scope: { accountId: string; practiceId: string },
  methodId: string,
) => {
  const db = await getDb();
  const method = await db.paymentMethod.findFirst({
    where: { id: methodId, ...staffChargeableWhere(scope) },
  });
  if (!method) throw notFoundError("payment method");
  return method;
};
