import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export type TActor = { userId: string; email: string; role: Role; name: string };

/**
 * The signed-in user of this request, re-read from the database: a disabled user, or a
 * session older than the user's last password change (sessionVersion), is no session.
 */
export const getActor = cache(async (): Promise<TActor | null> => {
  const session = await getServerSession(authOptions());
  const token = session?.user;
  if (!token?.id) return null;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: token.id },
    select: {
      id: true,
      email: true,
      role: true,
      firstName: true,
      lastName: true,
      sessionVersion: true,
      disabledAt: true,
    },
  });
  if (!user || user.disabledAt) return null;
  if (session?.sv !== user.sessionVersion) return null;
  return { userId: user.id, email: user.email, role: user.role, name: `${user.firstName} ${user.lastName}` };
});

export const requireActor = async (): Promise<TActor> => {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in again." });
  return actor;
};

export const requirePatient = async (): Promise<TActor> => {
  const actor = await requireActor();
  if (actor.role !== "PATIENT") throw new AppError("FORBIDDEN", { userMessage: "This is for patients." });
  return actor;
};

export const requireStaff = async (permission?: TPermission): Promise<TActor> => {
  const actor = await requireActor();
  if (!isStaffRole(actor.role) || (permission && !hasPermission(actor.role, permission))) {
    throw new AppError("FORBIDDEN", { userMessage: "You do not have access to this." });
  }
  return actor;
};
