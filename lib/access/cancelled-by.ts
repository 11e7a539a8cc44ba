import "server-only";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { isStaffRole } from "@/lib/auth/permissions";

/**
 * Who cancelled a plan or turned off autopay (`cancelledByUserId`), as the staff console names
 * them: the patient (a login linked to the account), a family member or authorized payer (an
 * access to the account, which needs MANAGE to cancel), or a staff user with their role. A login
 * that is none of these any more (its link or access removed since) is "someone else", by name.
 */
export type TCanceller =
  | { kind: "patient"; name: string }
  | { kind: "family"; name: string }
  | { kind: "staff"; name: string; role: Role }
  | { kind: "other"; name: string };

/** The cancellers among `userIds` of one account, by user id (an unknown id is left out). */
export const describeCancellers = async ({
  accountId,
  userIds,
}: {
  accountId: string;
  userIds: (string | null)[];
}): Promise<Map<string, TCanceller>> => {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      role: true,
      accountLinks: { where: { accountId }, select: { id: true } },
      accessGranted: { where: { accountId }, select: { id: true } },
    },
  });
  return new Map(
    users.map((u): [string, TCanceller] => {
      const name = `${u.firstName} ${u.lastName}`.trim();
      if (isStaffRole(u.role)) return [u.id, { kind: "staff", name, role: u.role }];
      if (u.accountLinks.length > 0) return [u.id, { kind: "patient", name }];
      if (u.accessGranted.length > 0) return [u.id, { kind: "family", name }];
      return [u.id, { kind: "other", name }];
    }),
  );
};
