import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nextSendableAt } from "@/lib/sms/quiet-hours";
import { recipientTimeZone } from "@/lib/sms/recipient-zone";

type TTx = Prisma.TransactionClient;

/**
 * What a text is; the replies go at once, whatever the hour (docs/sms.md). TEXT_TO_PAY texts are
 * made by lib/text-to-pay/queue-texts.ts, with their link sealed beside the body.
 */
export type TSmsKind = "CONSENT_CONFIRMATION" | "STOP_CONFIRMATION" | "START_CONFIRMATION" | "HELP";

/** Kinds sent even to a number that has opted out: the one STOP confirmation, and HELP's answer. */
export const KINDS_WITHOUT_CONSENT: ReadonlySet<string> = new Set(["STOP_CONFIRMATION", "HELP"]);

/** The practice a number's texts speak for, and its zone (quiet hours' last resort: lib/sms/patient-zone.ts). */
export type TSmsPractice = {
  name: string;
  phone: string | null;
  supportEmail: string | null;
  timeZone: string;
};

/**
 * The practice of the patient who texts from, or is texted at, this number: that of the first
 * account they manage, else the first practice (a deployment's only one, usually). Its time zone
 * is the patient's for quiet hours only when nothing better is known (lib/sms/recipient-zone.ts).
 */
export const practiceForSms = async (
  tx: TTx,
  { userId }: { userId: string | null },
): Promise<TSmsPractice> => {
  const select = { name: true, phone: true, supportEmail: true, timeZone: true } as const;
  if (userId) {
    const link = await tx.accountLink.findFirst({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { account: { select: { practice: { select } } } },
    });
    if (link) return link.account.practice;
  }
  const first = await tx.practice.findFirst({ orderBy: { createdAt: "asc" }, select });
  return first ?? { name: "Your provider", phone: null, supportEmail: null, timeZone: DEFAULT_TIME_ZONE };
};

const contactOf = (p: TSmsPractice) =>
  [p.phone ? `call ${formatPhone(p.phone)}` : null, p.supportEmail ? `email ${p.supportEmail}` : null]
    .filter(Boolean)
    .join(" or ");

const formatPhone = (phone: string) => {
  const d = phone.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
  return d.length === 10 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : phone;
};

/** The wording of each kind (CTIA: the program's name, frequency, rates, HELP and STOP). */
export const smsText = (kind: TSmsKind, practice: TSmsPractice) => {
  const help = contactOf(practice);
  switch (kind) {
    case "CONSENT_CONFIRMATION":
    case "START_CONFIRMATION":
      return `${practice.name}: you are signed up for texts about your bills and payments. Msg frequency varies. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`;
    case "STOP_CONFIRMATION":
      return `${practice.name}: you are unsubscribed and will get no more texts from us. Reply START to sign up again.`;
    case "HELP":
      return `${practice.name} billing texts.${help ? ` For help, ${help}.` : ""} Msg & data rates may apply. Reply STOP to opt out.`;
  }
};

/**
 * Makes a text due in the caller's transaction (the sender sends it: lib/sms/sender.ts). A reply
 * is due at once; any other text at once or, in quiet hours, at 08:00 on the patient's clock
 * (their zone: lib/sms/recipient-zone.ts).
 */
export const queueSms = async (
  tx: TTx,
  {
    to,
    kind,
    userId = null,
    practice,
    isReply,
    now = new Date(),
  }: {
    to: string;
    kind: TSmsKind;
    userId?: string | null;
    practice: TSmsPractice;
    isReply: boolean;
    now?: Date;
  },
) => {
  const timeZone = await recipientTimeZone(tx, { phone: to, userId, practiceZone: practice.timeZone });
  return tx.smsMessage.create({
    data: {
      to,
      body: smsText(kind, practice),
      kind,
      isReply,
      userId,
      timeZone,
      sendDueAt: isReply ? now : nextSendableAt(now, timeZone),
    },
    select: { id: true },
  });
};
