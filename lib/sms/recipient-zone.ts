import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { patientTimeZone } from "@/lib/sms/patient-zone";

type TTx = Prisma.TransactionClient;

/**
 * The zone a text to `phone` keeps quiet hours in (the rule: lib/sms/patient-zone.ts): the
 * patient's own browser's report (the user's latest, then the one kept with the number's latest
 * web opt-in), else the state of the patient's address, then of their first account (or the
 * account the text is about), else the practice's zone.
 */
export const recipientTimeZone = async (
  tx: TTx,
  {
    phone,
    userId,
    accountState = null,
    practiceZone,
  }: { phone: string; userId: string | null; accountState?: string | null; practiceZone: string },
): Promise<string> => {
  const user = userId
    ? await tx.user.findUnique({
        where: { id: userId },
        select: {
          timeZone: true,
          state: true,
          accountLinks: {
            orderBy: { createdAt: "asc" },
            take: 1,
            select: { account: { select: { state: true } } },
          },
        },
      })
    : null;
  const consent = await tx.smsConsent.findFirst({
    where: { phone, timeZone: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { timeZone: true },
  });
  return patientTimeZone({
    reported: [user?.timeZone, consent?.timeZone],
    states: [user?.state, accountState, user?.accountLinks[0]?.account.state],
    practiceZone,
  }).zone;
};
