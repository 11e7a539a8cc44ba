import { queryRows, readRows } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { sql } from "@/lib/db/sql";
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
 * none, or one that is gone), in one statement for a batch, past Prisma Client: every payment's
 * receipt comes through here (docs/database.md, "Hot paths").
 */
const brandsOf = async (messages: readonly TEmailMessage[]) => {
  const ids = [...new Set(messages.flatMap((m) => (m.practiceId ? [m.practiceId] : [])))];
  const practices = await readRows<{
    id: string;
    name: string;
    brandColor: string | null;
    isFirst: boolean;
  }>(sql`
    SELECT id, name, "brandColor", false AS "isFirst" FROM "practice" WHERE id = ANY(${ids}::text[])
    UNION ALL
    (SELECT id, name, "brandColor", true FROM "practice" ORDER BY "createdAt" LIMIT 1)`);
  const first = practices.find((p) => p.isFirst);
  return messages.map((m): TEmailBrand => {
    const practice = practices.find((p) => !p.isFirst && p.id === m.practiceId) ?? first;
    return { name: practice?.name ?? FALLBACK_NAME, color: usableBrandColor(practice?.brandColor) };
  });
};

type TOutboxRow = Pick<TEmail, "to" | "subject" | "text"> & {
  html: string | null;
  status: TEmailStatus;
  error: string | null;
};

/**
 * Writes a batch's rows into the outbox in one statement, past Prisma Client (which would pass
 * every HTML part through its query compiler): `sentAt` is `at` for the ones SENT.
 */
const recordInOutbox = async (rows: readonly TOutboxRow[], at: Date | null) => {
  await queryRows(sql`
    INSERT INTO "outbox_email" (id, "to", subject, text, html, status, error, "sentAt", "updatedAt")
    SELECT e.id, e."to", e.subject, e.text, e.html, e.status::"EmailStatus", e.error,
           CASE WHEN e.status = 'SENT' THEN ${at}::timestamptz END, now()
      FROM unnest(${rows.map(() => newId())}::text[], ${rows.map((r) => r.to)}::text[],
                  ${rows.map((r) => r.subject)}::text[], ${rows.map((r) => r.text)}::text[],
                  ${rows.map((r) => r.html)}::text[], ${rows.map((r) => r.status)}::text[],
                  ${rows.map((r) => r.error)}::text[])
        AS e(id, "to", subject, text, html, status, error)`);
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
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    await recordInOutbox(
      emails.map((email) => ({ ...email, status: "STORED", error: null })),
      null,
    );
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
  await recordInOutbox(
    emails.map(({ to, subject }, i) => {
      const { error } = outcomes[i]!;
      return error === null
        ? { to, subject, text: "(sent by SMTP; body not kept)", html: null, status: "SENT", error: null }
        : { to, subject, text: "(not sent)", html: null, status: "FAILED", error };
    }),
    new Date(),
  );
  return outcomes.map(({ error }) => (error === null ? "SENT" : "FAILED"));
};

/** One message (sendEmails). */
export const sendEmail = async (message: TEmailMessage) => {
  const [outcome] = await sendEmails([message]);
  return outcome!;
};
