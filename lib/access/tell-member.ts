import "server-only";
import { arrangementEndedByGuarantorEmail } from "@/lib/access/emails";
import type { TActingUser } from "@/lib/audit/actor";
import { getDb } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { recipientLocale } from "@/lib/i18n/save-locale";
import { log } from "@/lib/log";

/**
 * Emails a family member that the account's guarantor (`actor`) cancelled the payment plan or
 * turned off the autopay the member set up on the account, in the member's saved language. After
 * the commit; a failure to send is logged (the cancellation stands, and the member sees it in the portal).
 */
export const tellMemberOfCancellation = async ({
  actor,
  member,
  what,
  accountNumber,
  practice,
}: {
  actor: TActingUser;
  member: { id: string; email: string };
  what: "plan" | "autopay";
  accountNumber: string;
  practice: { id: string; name: string };
}) => {
  try {
    const db = await getDb();
    const guarantor = await db.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { firstName: true, lastName: true },
    });
    await sendEmail(
      arrangementEndedByGuarantorEmail({
        to: member.email,
        practiceId: practice.id,
        practiceName: practice.name,
        guarantorName: `${guarantor.firstName} ${guarantor.lastName}`,
        accountNumber,
        what,
        locale: await recipientLocale({ userId: member.id }),
      }),
    );
  } catch (error) {
    log.error(`[access] telling a family member of a cancellation failed: ${String(error)}`);
  }
};
