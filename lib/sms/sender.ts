import "server-only";
import { openWithKey } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db";
import { secrets } from "@/lib/env";
import { claimDueRows, drainRuns } from "@/lib/email/due-queue";
import { log } from "@/lib/log";
import { isOptedIn } from "@/lib/sms/consent";
import { KINDS_WITHOUT_CONSENT } from "@/lib/sms/messages";
import { getSmsProvider } from "@/lib/sms/provider";
import { isQuietHours, nextSendableAt } from "@/lib/sms/quiet-hours";
import { LINK_PLACEHOLDER, isSmsProviderError, toE164 } from "@/lib/sms/types";

/**
 * The SMS sender: a queue like the emails' (lib/email/due-queue.ts) on `sms_message.sendDueAt`.
 * A text is made due in the transaction of its cause; the request that made it sends it at once
 * (sendDueSms({ id })), and the sweep `sms.send-due` sends whatever a crash, a provider failure
 * or quiet hours left due.
 */

/** How many due texts one run claims. */
const BATCH = 50;
/** Sends tried before a text is given up (FAILED): at 1, 2, 4 and 8 minutes after the first. */
export const SMS_MAX_ATTEMPTS = 5;
/** At most this many texts to one number in 24 hours, replies apart; more are dropped (docs/sms.md). */
export const SMS_DAILY_LIMIT = 5;
const DAY_MS = 24 * 60 * 60_000;

export type TSmsRun = {
  claimed: number;
  sent: number;
  held: number;
  dropped: number;
  retried: number;
  failed: number;
};

type TOutcome = keyof Omit<TSmsRun, "claimed">;

/**
 * Sends due texts: `id`, that one (due or not yet: the request that made it); else up to `limit`
 * whose time has come. With no provider configured nothing is claimed: texts wait for one.
 * For each, in order:
 *   - a number that is not opted in gets nothing but the STOP confirmation and HELP's answer
 *     (DROPPED, `not_opted_in`);
 *   - a text that is not a reply waits in quiet hours until 08:00 on the patient's clock, and
 *     past SMS_DAILY_LIMIT texts to the number in 24 hours is DROPPED (`daily_limit`);
 *   - then it is sent: SENT with the provider's id; a failure worth a retry is due again with
 *     backoff, until SMS_MAX_ATTEMPTS (then FAILED); a refusal is FAILED at once.
 */
export const sendDueSms = async ({
  id,
  limit = BATCH,
  now = () => new Date(),
}: { id?: string; limit?: number; now?: () => Date } = {}): Promise<TSmsRun> => {
  const run: TSmsRun = { claimed: 0, sent: 0, held: 0, dropped: 0, retried: 0, failed: 0 };
  const provider = getSmsProvider();
  if (!provider) return run;
  const claimed = await claimDueRows({
    table: "sms_message",
    column: "sendDueAt",
    limit,
    ...(id ? { id } : {}),
  });
  run.claimed = claimed.length;
  for (const { id: messageId } of claimed) {
    const outcome = await sendOne(messageId, provider, now());
    run[outcome]++;
  }
  return run;
};

const sendOne = async (
  id: string,
  provider: NonNullable<ReturnType<typeof getSmsProvider>>,
  now: Date,
): Promise<TOutcome> => {
  const db = await getDb();
  // Decide under the number's lock, so two senders count each other's texts against the limit:
  // a text that may go is marked with its sending time (sentAt) before the lock is let go.
  const decision = await db.$transaction(async (tx) => {
    const message = await tx.smsMessage.findUniqueOrThrow({ where: { id } });
    if (message.status !== "DUE") return { kind: "skip" as const };
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sms:${message.to}`}))`;
    const drop = async (reason: string) => {
      await tx.smsMessage.update({
        where: { id },
        data: { status: "DROPPED", dropReason: reason, sendDueAt: null, sentAt: null, sealedLink: null },
      });
      return { kind: "dropped" as const };
    };
    if (!KINDS_WITHOUT_CONSENT.has(message.kind) && !(await isOptedIn(tx, message.to))) {
      return drop("not_opted_in");
    }
    if (!message.isReply) {
      if (isQuietHours(now, message.timeZone)) {
        await tx.smsMessage.update({
          where: { id },
          data: { sendDueAt: nextSendableAt(now, message.timeZone) },
        });
        return { kind: "held" as const };
      }
      const sentToday = await tx.smsMessage.count({
        where: {
          to: message.to,
          isReply: false,
          id: { not: id },
          sentAt: { gt: new Date(now.getTime() - DAY_MS) },
        },
      });
      if (sentToday >= SMS_DAILY_LIMIT) return drop("daily_limit");
    }
    await tx.smsMessage.update({ where: { id }, data: { sentAt: now, attempts: { increment: 1 } } });
    return { kind: "send" as const, message: { ...message, attempts: message.attempts + 1 } };
  });
  if (decision.kind === "skip") return "held";
  if (decision.kind !== "send") return decision.kind;
  const { message } = decision;
  try {
    const { sid } = await provider.send({ to: toE164(message.to), body: bodyToSend(message) });
    await db.smsMessage.update({
      where: { id },
      data: { status: "SENT", providerSid: sid, sendDueAt: null, lastError: null, sealedLink: null },
    });
    return "sent";
  } catch (error) {
    const reason = String((error as Error).message).slice(0, 500);
    const isFinal = (isSmsProviderError(error) && error.isPermanent) || message.attempts >= SMS_MAX_ATTEMPTS;
    log.error(`[sms] send failed (attempt ${message.attempts}${isFinal ? ", giving up" : ""}): ${reason}`);
    await db.smsMessage.update({
      where: { id },
      data: isFinal
        ? { status: "FAILED", sendDueAt: null, sentAt: null, lastError: reason, sealedLink: null }
        : {
            sentAt: null,
            lastError: reason,
            sendDueAt: new Date(now.getTime() + 60_000 * 2 ** (message.attempts - 1)),
          },
    });
    return isFinal ? "failed" : "retried";
  }
};

/**
 * The text as the patient gets it: a text-to-pay text's link is kept sealed beside its body (the
 * body holds LINK_PLACEHOLDER), opened only to send, and cleared once the text is settled.
 */
const bodyToSend = (message: { body: string; sealedLink: string | null }) =>
  message.sealedLink
    ? message.body.replace(LINK_PLACEHOLDER, openWithKey(message.sealedLink, secrets().textLinkKey))
    : message.body;

/** Runs the sender until nothing is due (the sweep, and tests). */
export const drainSms = () => drainRuns(() => sendDueSms(), BATCH);

/** Sends the texts a request just made due, at once (a failure is left to the sweep). */
export const sendSmsNow = async (ids: readonly string[]) => {
  for (const id of ids) {
    await sendDueSms({ id }).catch((error: unknown) =>
      log.error(`[sms] sending at once failed: ${String(error)}`),
    );
  }
};
