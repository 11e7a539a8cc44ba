import "server-only";
import { getDb } from "@/lib/db";
import { SIGNUP_FILE_SELECT } from "@/lib/exports/signup-file";

/** The practice's sign-up file setting, for the staff page. */
export const getSignupFileSettings = async (practiceId: string) => {
  const db = await getDb();
  return db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { signupFileMode: true, clientId: true, timeZone: true },
  });
};

/** The practice's sign-up files, newest first. */
export const listSignupFiles = async ({ practiceId, take = 90 }: { practiceId: string; take?: number }) => {
  const db = await getDb();
  return db.signupFile.findMany({
    where: { practiceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { ...SIGNUP_FILE_SELECT, byteCount: true, producedByUserId: true, deliveredAt: true },
  });
};
export type TSignupFileListItem = Awaited<ReturnType<typeof listSignupFiles>>[number];
