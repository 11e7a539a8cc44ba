import { getDb } from "@/lib/db";
import { usableBrandColor, type TEmailBrand } from "@/lib/email/brand";
import { emailText, type TEmailMessage } from "@/lib/email/message";
import { emailHtml } from "@/lib/email/render-html";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** An email as it goes out: both parts, rendered from one TEmailMessage (lib/email/message.ts). */
export type TEmail = { to: string; subject: string; text: string; html: string };
export type { TEmailMessage } from "@/lib/email/message";
export type TEmailStatus = "STORED" | "SENT" | "FAILED";

/**
 * At most this many SMTP connections per call, each carrying message after message: a batch of
 * reminders or receipts must not open a connection per message at once, which mail servers
 * refuse past a handful ("421 too many connections").
 */
export const SMTP_MAX_CONNECTIONS = 5;

/** A pool for one call's messages, closed when they are sent: no connection is left open idle. */
const openSmtpPool = async (url: string, size: number) => {
  const nodemailer = await import("nodemailer");
  const pooled = new URL(url);
  if (!pooled.searchParams.has("pool")) pooled.searchParams.set("pool", "true");
  if (!pooled.searchParams.has("maxConnections")) pooled.searchParams.set("maxConnections", String(size));
  return nodemailer.createTransport(pooled.toString());
};

/** The name on an email whose practice is not known (a database with no practice yet). */
const FALLBACK_NAME = "Patient portal";

/**
 * The name and colour of each message's practice (the first practice for a message that names
 * none), in at most two queries for a batch.
 */
const brandsOf = async (messages: readonly TEmailMessage[]) => {
  const db = await getDb();
  const select = { id: true, name: true, brandColor: true } as const;
  const ids = [...new Set(messages.flatMap((m) => (m.practiceId ? [m.practiceId] : [])))];
  const named = ids.length ? await db.practice.findMany({ where: { id: { in: ids } }, select }) : [];
  const first = messages.some((m) => !m.practiceId || !named.some((p) => p.id === m.practiceId))
    ? await db.practice.findFirst({ orderBy: { createdAt: "asc" }, select })
    : null;
  return messages.map((m): TEmailBrand => {
    const practice = named.find((p) => p.id === m.practiceId) ?? first;
    return { name: practice?.name ?? FALLBACK_NAME, color: usableBrandColor(practice?.brandColor) };
  });
};

/**
 * Both parts of each message: the plain text and the HTML in its practice's name and colour.
 */
export const renderEmails = async (messages: readonly TEmailMessage[]): Promise<TEmail[]> => {
  const brands = await brandsOf(messages);
  return Promise.all(
    messages.map(async (m, i) => ({
      to: m.to,
      subject: m.subject,
      text: emailText(m),
      html: await emailHtml(m, brands[i]!),
    })),
  );
};

/**
 * Renders each message as text and HTML (renderEmails) and sends it as multipart/alternative.
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the messages in the outbox table,
 * both parts, where an admin can read them in the staff console (so the demo works with no mail
 * server).
 * Messages go over at most SMTP_MAX_CONNECTIONS connections, reused, closed at the end.
 * A message sent by SMTP is recorded without its body: links in it are credentials. Returns
 * each message's fate, in order (STORED in the outbox, SENT, or FAILED: an SMTP failure is
 * recorded and logged, not thrown).
 */
export const sendEmails = async (messages: readonly TEmailMessage[]): Promise<TEmailStatus[]> => {
  if (messages.length === 0) return [];
  const emails = await renderEmails(messages);
  const db = await getDb();
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    await db.outboxEmail.createMany({
      data: emails.map((email) => ({ ...email, status: "STORED" as const })),
    });
    return emails.map(() => "STORED");
  }
  const smtp = await openSmtpPool(SMTP_URL, Math.min(SMTP_MAX_CONNECTIONS, emails.length));
  const outcomes = await Promise.all(
    emails.map(async (email) => {
      try {
        await smtp.sendMail({ ...email, from: MAIL_FROM });
        return { error: null };
      } catch (error) {
        log.error(`[email] SMTP send failed: ${(error as Error).message}`);
        return { error: String((error as Error).message).slice(0, 500) };
      }
    }),
  ).finally(() => smtp.close());
  const now = new Date();
  await db.outboxEmail.createMany({
    data: emails.map((email, i) => {
      const { error } = outcomes[i]!;
      return error === null
        ? {
            to: email.to,
            subject: email.subject,
            text: "(sent by SMTP; body not kept)",
            status: "SENT" as const,
            sentAt: now,
          }
        : { to: email.to, subject: email.subject, text: "(not sent)", status: "FAILED" as const, error };
    }),
  });
  return outcomes.map(({ error }) => (error === null ? "SENT" : "FAILED"));
};

/** One message (sendEmails). */
export const sendEmail = async (message: TEmailMessage) => {
  const [outcome] = await sendEmails([message]);
  return outcome!;
};
