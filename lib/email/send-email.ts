import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

export type TEmail = { to: string; subject: string; text: string; html?: string };
export type TEmailStatus = "STORED" | "SENT" | "FAILED";

type TTransport = { sendMail: (mail: TEmail & { from: string }) => Promise<unknown> };
let transport: { url: string; transport: TTransport } | undefined;

const smtpTransport = async (url: string): Promise<TTransport> => {
  if (transport?.url !== url) {
    const nodemailer = await import("nodemailer");
    transport = { url, transport: nodemailer.createTransport(url) };
  }
  return transport.transport;
};

/**
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the messages in the outbox table,
 * where an admin can read them in the staff console (so the demo works with no mail server).
 * A message sent by SMTP is recorded without its body: links in it are credentials. Returns
 * each message's fate, in order (STORED in the outbox, SENT, or FAILED: an SMTP failure is
 * recorded and logged, not thrown).
 */
export const sendEmails = async (emails: readonly TEmail[]): Promise<TEmailStatus[]> => {
  if (emails.length === 0) return [];
  const db = await getDb();
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    await db.outboxEmail.createMany({
      data: emails.map((email) => ({ ...email, status: "STORED" as const })),
    });
    return emails.map(() => "STORED");
  }
  const smtp = await smtpTransport(SMTP_URL);
  const outcomes = await Promise.all(
    emails.map(async (email) => {
      try {
        await smtp.sendMail({ ...email, from: MAIL_FROM });
        return { error: null };
      } catch (error) {
        console.error("[email] SMTP send failed", (error as Error).message);
        return { error: String((error as Error).message).slice(0, 500) };
      }
    }),
  );
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
export const sendEmail = async (email: TEmail) => {
  const [outcome] = await sendEmails([email]);
  return outcome!;
};
