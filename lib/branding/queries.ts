import "server-only";
import { getDb } from "@/lib/db";
import { usableBrandColor } from "@/lib/email/brand";

/** The practice's name and email colour, for the Email appearance page. */
export const getEmailBrand = async (practiceId: string) => {
  const db = await getDb();
  const practice = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { name: true, brandColor: true },
  });
  return { name: practice.name, color: usableBrandColor(practice.brandColor) };
};
