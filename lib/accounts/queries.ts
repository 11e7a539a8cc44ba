import "server-only";
import { getDb } from "@/lib/db";

export const listLinkedAccounts = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  const links = await db.accountLink.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      account: {
        select: { id: true, accountNumber: true, guarantorFirstName: true, guarantorLastName: true },
      },
    },
  });
  return links.map((l) => l.account);
};

export const getProfile = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      address1: true,
      address2: true,
      city: true,
      state: true,
      zip: true,
    },
  });
};
