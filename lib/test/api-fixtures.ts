import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Small records for the API's tests, written directly (each with its own random numbers). */

const tag = () => randomBytes(4).toString("hex").toUpperCase();

export const makePractice = (db: PrismaClient, data: { name?: string } = {}) => {
  const clientId = `C${tag()}`;
  return db.practice.create({ data: { name: data.name ?? `Practice ${clientId}`, clientId } });
};

/** An admin of the practice, as the console's actions see one. */
export const makeAdmin = async (db: PrismaClient, practiceId: string) => {
  const email = `admin-${tag().toLowerCase()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      role: "ADMIN",
      practiceId,
      firstName: "Ada",
      lastName: "Admin",
      emailVerifiedAt: new Date(),
    },
  });
  return { kind: "staff", userId: user.id, email, role: "ADMIN" } as const;
};
