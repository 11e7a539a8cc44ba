import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

export type TEmail = { to: string; subject: string; text: string; html?: string };

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
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the message in the outbox table,
 * where an admin can read it in the staff console (so the demo works with no mail server).
 * A message sent by SMTP is recorded without its body: links in it are credentials.
 */
export const sendEmail = async (email: TEmail) => {
  const db = await getDb();
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    await db.outboxEmail.create({ data: { ...email, status: "STORED" } });
    return { delivered: false as const };
  }
  try {
    await (await smtpTransport(SMTP_URL)).sendMail({ ...email, from: MAIL_FROM });
    await db.outboxEmail.create({
      data: {
        to: email.to,
        subject: email.subject,
        text: "(sent by SMTP; body not kept)",
        status: "SENT",
        sentAt: new Date(),
      },
    });
    return { delivered: true as const };
  } catch (error) {
    console.error("[email] SMTP send failed", (error as Error).message);
    await db.outboxEmail.create({
      data: {
        to: email.to,
        subject: email.subject,
        text: "(not sent)",
        status: "FAILED",
        error: String((error as Error).message).slice(0, 500),
      },
    });
    return { delivered: false as const };
  }
};
