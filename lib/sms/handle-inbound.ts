import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { recordSmsConsent } from "@/lib/sms/consent";
import { parseKeyword } from "@/lib/sms/keywords";
import { practiceForSms, queueSms } from "@/lib/sms/messages";
import { fromE164 } from "@/lib/sms/types";

/**
 * An inbound text (the provider's webhook, signature already checked: app/api/webhooks/sms).
 * Keywords are honoured at once, in one transaction with the record of the text (unique on the
 * provider's MessageSid, so a webhook delivered twice is acted on once):
 *   - STOP (STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT): the number is opted out and gets the one
 *     confirmation allowed;
 *   - HELP (INFO): the practice's name and how to reach it;
 *   - START (UNSTOP, YES): the number is opted in again, the consent recorded (source KEYWORD),
 *     and confirmed.
 * Anything else is kept and not answered. Returns the replies made due, for the caller to send
 * at once.
 */
export const handleInboundSms = async ({
  messageSid,
  from,
  body,
}: {
  messageSid: string;
  from: string;
  body: string;
}): Promise<{ replyIds: string[]; keyword: string | null; isDuplicate: boolean }> => {
  const db = await getDb();
  const phone = fromE164(from);
  const parsed = parseKeyword(body);
  return db.$transaction(async (tx) => {
    const { count } = await tx.smsInbound.createMany({
      data: [
        {
          messageSid,
          from: phone ?? from.slice(0, 40),
          body: body.slice(0, 1600),
          keyword: parsed?.keyword ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return { replyIds: [], keyword: parsed?.keyword ?? null, isDuplicate: true };
    if (!parsed || !phone) return { replyIds: [], keyword: parsed?.keyword ?? null, isDuplicate: false };
    const users = await tx.user.findMany({ where: { smsPhone: phone }, select: { id: true }, take: 2 });
    const userId = users.length === 1 ? users[0]!.id : null;
    const practice = await practiceForSms(tx, { userId });
    if (parsed.keyword !== "HELP") {
      await recordSmsConsent(tx, {
        phone,
        userId,
        isOptedIn: parsed.keyword === "START",
        source: "KEYWORD",
        keyword: parsed.word,
        practiceName: practice.name,
      });
    }
    const kind =
      parsed.keyword === "STOP"
        ? "STOP_CONFIRMATION"
        : parsed.keyword === "START"
          ? "START_CONFIRMATION"
          : "HELP";
    const reply = await queueSms(tx, { to: phone, kind, userId, practice, isReply: true });
    await recordAudit(
      {
        actor: { kind: "anonymous", label: `sms ••• ${phone.slice(-4)}` },
        action: `sms.keyword_${parsed.keyword.toLowerCase()}`,
        ...(userId ? { target: { type: "User", id: userId } } : {}),
        metadata: { word: parsed.word, messageSid },
      },
      tx,
    );
    return { replyIds: [reply.id], keyword: parsed.keyword, isDuplicate: false };
  });
};
