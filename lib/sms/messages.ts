import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_LOCALE, localeOr, type TLocale } from "@/lib/locale";
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

const formatPhone = (phone: string) => {
  const d = phone.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
  return d.length === 10 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : phone;
};

/**
 * The replies' words (CTIA: the program's name, frequency, rates, HELP and STOP) in each
 * language. The keywords stay the English ones carriers act on. The Spanish is written in GSM-7
 * (no á, í, ó, ú: lib/sms/segments.ts), so a reply costs the segments the English one does.
 */
const en = {
  signedUp: (practice: string) =>
    `${practice}: you are signed up for texts about your bills and payments. Msg frequency varies. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`,
  stopped: (practice: string) =>
    `${practice}: you are unsubscribed and will get no more texts from us. Reply START to sign up again.`,
  help: (practice: string, contact: { phone: string | null; email: string | null }) => {
    const ways = [
      contact.phone ? `call ${contact.phone}` : null,
      contact.email ? `email ${contact.email}` : null,
    ]
      .filter(Boolean)
      .join(" or ");
    return `${practice} billing texts.${ways ? ` For help, ${ways}.` : ""} Msg & data rates may apply. Reply STOP to opt out.`;
  },
};

export type TSmsReplyStrings = typeof en;

const es: TSmsReplyStrings = {
  signedUp: (practice) =>
    `${practice}: se ha inscrito para recibir mensajes de texto sobre sus facturas y pagos. Frecuencia variable. Pueden aplicar cargos por mensajes y datos. Responda HELP para ayuda, STOP para cancelar.`,
  stopped: (practice) =>
    `${practice}: se ha dado de baja y ya no le enviaremos mensajes de texto. Responda START para volver a inscribirse.`,
  help: (practice, contact) => {
    const ways = [
      contact.phone ? `llame al ${contact.phone}` : null,
      contact.email ? `escriba a ${contact.email}` : null,
    ]
      .filter(Boolean)
      .join(" o ");
    return `${practice}: mensajes de texto sobre sus facturas.${ways ? ` Para ayuda, ${ways}.` : ""} Pueden aplicar cargos por mensajes y datos. Responda STOP para cancelar.`;
  },
};

export const SMS_REPLY_STRINGS: Record<TLocale, TSmsReplyStrings> = { en, es };

/** The wording of each kind, in `locale` (the patient's of the number; English when unknown). */
export const smsText = (kind: TSmsKind, practice: TSmsPractice, locale: TLocale = DEFAULT_LOCALE) => {
  const s = SMS_REPLY_STRINGS[locale];
  switch (kind) {
    case "CONSENT_CONFIRMATION":
    case "START_CONFIRMATION":
      return s.signedUp(practice.name);
    case "STOP_CONFIRMATION":
      return s.stopped(practice.name);
    case "HELP":
      return s.help(practice.name, {
        phone: practice.phone ? formatPhone(practice.phone) : null,
        email: practice.supportEmail,
      });
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
    /** The number's patient, when known: the text is in their saved language (else English). */
    userId?: string | null;
    practice: TSmsPractice;
    isReply: boolean;
    now?: Date;
  },
) => {
  const timeZone = await recipientTimeZone(tx, { phone: to, userId, practiceZone: practice.timeZone });
  const user = userId ? await tx.user.findUnique({ where: { id: userId }, select: { locale: true } }) : null;
  return tx.smsMessage.create({
    data: {
      to,
      body: smsText(kind, practice, localeOr(user?.locale)),
      kind,
      isReply,
      userId,
      timeZone,
      sendDueAt: isReply ? now : nextSendableAt(now, timeZone),
    },
    select: { id: true },
  });
};
