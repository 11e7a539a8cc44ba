import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import type { TActor } from "@/lib/auth/session";

/** A verified patient login of its own for one test (no linked accounts unless given). */
export const createPatientForTest = async (
  db: PrismaClient,
  {
    password = "Casey-Tester-1",
    accountIds = [],
    email = `casey-${randomUUID().slice(0, 8)}@example.com`,
  }: { password?: string; accountIds?: string[]; email?: string } = {},
): Promise<TActor & { password: string }> => {
  const user = await db.user.create({
    data: {
      email,
      passwordHash: await hashPassword(password),
      role: "PATIENT",
      firstName: "Casey",
      lastName: "Tester",
      emailVerifiedAt: new Date(),
      accountLinks: { create: accountIds.map((accountId) => ({ accountId })) },
    },
  });
  return { userId: user.id, email: user.email, role: user.role, name: "Casey Tester", password };
};
