import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { arrangementEndedByGuarantorEmail } from "@/lib/access/emails";
import { signUp, verifyEmail } from "@/lib/auth/account-lifecycle";
import { paragraph, type TEmailMessage } from "@/lib/email/message";
import { sendEmail, sendEmails, SMTP_MAX_CONNECTIONS } from "@/lib/email/send-email";
import { resetEnvForTests } from "@/lib/env";
import { PLAN_AGREEMENT_VERSIONS } from "@/lib/plans/agreement";
import { agreementEmail } from "@/lib/plans/emails";
import { receiptFixture } from "@/lib/receipts/fixtures";
import { receiptEmail } from "@/lib/receipts/receipt-email";
import { closeEmailBrowser, emailAccessibility } from "@/lib/test/email-accessibility";
import { requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { log } from "@/lib/log";

const database = setupTestDatabase();

type TReceived = { from: string; to: string[]; raw: string };

/** Undoes quoted-printable soft line breaks and escapes, so a body can be searched as typed. */
const decodeQuotedPrintable = (text: string) =>
  text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A MIME body in its transfer encoding, as UTF-8 text. */
const decodeBody = (encoding: string, body: string) =>
  encoding === "base64"
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : encoding === "quoted-printable"
      ? Buffer.from(
          body
            .replace(/=\r?\n/g, "")
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8")
      : body;

/**
 * A received multipart/alternative message as a reader gets it: its subject (RFC 2047 words
 * decoded), its text part and its HTML part, each with its declared charset.
 */
const readMessage = (raw: string) => {
  const unfolded = raw.replace(/\r\n/g, "\n");
  const headerOf = (block: string, name: string) =>
    new RegExp(`^${name}:\\s*(.*(?:\\n[ \\t].*)*)`, "im").exec(block)?.[1]?.replace(/\n[ \t]+/g, " ") ?? "";
  const subject = headerOf(unfolded.slice(0, unfolded.indexOf("\n\n")), "Subject")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeBody("quoted-printable", text.replace(/_/g, " ")),
    );
  const boundary = /boundary="?([^";\n]+)"?/i.exec(unfolded)?.[1] ?? "";
  const parts = unfolded
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const at = part.indexOf("\n\n", 1);
      const headers = part.slice(0, at);
      return {
        type: headerOf(headers, "Content-Type"),
        body: decodeBody(headerOf(headers, "Content-Transfer-Encoding").toLowerCase(), part.slice(at + 2)),
      };
    });
  const part = (type: string) => parts.find((p) => p.type.startsWith(type));
  return { subject, text: part("text/plain"), html: part("text/html") };
};

const startSmtpServer = async () => {
  const received: TReceived[] = [];
  /** Connections: opened in all, open now, and the most open at once. */
  const connections = { opened: 0, open: 0, most: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onConnect(_session, callback) {
      connections.opened += 1;
      connections.open += 1;
      connections.most = Math.max(connections.most, connections.open);
      callback();
    },
    onClose() {
      connections.open -= 1;
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { received, connections, port, close };
};

const useSmtpUrl = (url: string) => {
  vi.stubEnv("SMTP_URL", url);
  resetEnvForTests();
};

describe("sendEmail over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    vi.stubEnv("MAIL_FROM", "Riverside Family Medicine <billing@riverside.example>");
  });
  afterEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    await smtp?.close();
    await closeEmailBrowser();
  });

  it("delivers the message to the SMTP server", async () => {
    useSmtpUrl(`smtp://127.0.0.1:${smtp.port}`);
    const result = await sendEmail({
      to: "pat@example.com",
      subject: "Your receipt R-1001",
      blocks: [paragraph("Thank you for your payment of $125.40.", "Receipt: R-1001")],
    });
    expect(result).toBe("SENT");
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.from).toBe("billing@riverside.example");
    expect(message!.to).toEqual(["pat@example.com"]);
    expect(message!.raw).toMatch(/^Subject: Your receipt R-1001\r?$/m);
    expect(message!.raw).toMatch(/^From: Riverside Family Medicine <billing@riverside\.example>\r?$/m);
    const raw = decodeQuotedPrintable(message!.raw).replace(/\r\n/g, "\n");
    // Both parts, the plain text first: mail clients show the last part they can.
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    const textAt = raw.search(/^Content-Type: text\/plain/m);
    const htmlAt = raw.search(/^Content-Type: text\/html/m);
    expect(textAt).toBeGreaterThan(0);
    expect(htmlAt).toBeGreaterThan(textAt);
    expect(raw.slice(textAt, htmlAt)).toContain("Thank you for your payment of $125.40.\nReceipt: R-1001");
    expect(raw.slice(htmlAt)).toContain("Thank you for your payment of $125.40.<br/>Receipt: R-1001");
  });

  it("dresses the HTML in the named practice's name and colour, and the first practice's otherwise", async () => {
    vi.stubEnv("SMTP_URL", undefined);
    resetEnvForTests();
    const first = await database.db.practice.create({
      data: { name: "Riverside Family Medicine", clientId: "RFM-BRAND", brandColor: "#7a1f3d" },
    });
    const other = await database.db.practice.create({
      data: { name: "Lakeside Pediatrics", clientId: "LKP-BRAND", brandColor: "#14532d" },
    });
    await sendEmails([
      {
        to: "brand-other@example.com",
        practiceId: other.id,
        subject: "Other",
        blocks: [paragraph("Hello.")],
      },
      { to: "brand-first@example.com", subject: "First", blocks: [paragraph("Hello.")] },
    ]);
    const html = async (to: string) =>
      (await database.db.outboxEmail.findFirstOrThrow({ where: { to } })).html ?? "";
    expect(await html("brand-other@example.com")).toContain("Lakeside Pediatrics");
    expect(await html("brand-other@example.com")).toContain("background-color:#14532d");
    expect(await html("brand-first@example.com")).toContain(first.name);
    expect(await html("brand-first@example.com")).toContain("background-color:#7a1f3d");
  });

  it("sends a batch over a few connections, each carrying several messages, and leaves none open", async () => {
    useSmtpUrl(`smtp://127.0.0.1:${smtp.port}`);
    const before = { ...smtp.connections };
    const batch = Array.from({ length: 40 }, (_, i) => ({
      to: `batch-${i}@example.com`,
      subject: `Reminder ${i}`,
      blocks: [paragraph("Your autopay charge is in 3 days.")],
    }));
    expect(await sendEmails(batch)).toEqual(batch.map(() => "SENT"));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(batch.map((m) => m.to).sort());
    // Not one connection per message, all at once (mail servers refuse that past a handful).
    expect(smtp.connections.opened - before.opened).toBeLessThanOrEqual(SMTP_MAX_CONNECTIONS);
    expect(smtp.connections.most).toBeLessThanOrEqual(SMTP_MAX_CONNECTIONS);
    for (let i = 0; i < 100 && smtp.connections.open > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.connections.open).toBe(0);
  });

  it("records the sent message in the outbox without its body", async () => {
    useSmtpUrl(`smtp://127.0.0.1:${smtp.port}`);
    await sendEmail({
      to: "body@example.com",
      subject: "Secret link",
      blocks: [paragraph("https://pay.example.org/?token=s3cr3t")],
    });
    const row = await database.db.outboxEmail.findFirstOrThrow({ where: { to: "body@example.com" } });
    expect(row).toMatchObject({ status: "SENT", subject: "Secret link", error: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.text).not.toContain("s3cr3t");
    expect(row.html).toBeNull();
  });

  it("sends a sign-up verification link that works, and keeps no copy of it", async () => {
    useSmtpUrl(`smtp://127.0.0.1:${smtp.port}`);
    await signUp({
      firstName: "Robin",
      lastName: "Lee",
      email: "robin@example.com",
      password: "Robin-Lee-2026",
      context: requestFrom("203.0.113.5"),
    });
    expect(smtp.received).toHaveLength(1);
    const raw = decodeQuotedPrintable(smtp.received[0]!.raw);
    expect(raw).toMatch(/^Subject: Riverside Family Medicine: confirm your email address\r?$/m);
    const token = tokenFromEmailText(raw);
    const row = await database.db.outboxEmail.findFirstOrThrow({ where: { to: "robin@example.com" } });
    expect(row.status).toBe("SENT");
    expect(JSON.stringify(row)).not.toContain(token);
    await verifyEmail({ token, context: requestFrom("203.0.113.5") });
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "robin@example.com" } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("records a failure when the SMTP server cannot be reached", async () => {
    const down = await startSmtpServer();
    await down.close();
    useSmtpUrl(`smtp://127.0.0.1:${down.port}`);
    vi.spyOn(log, "error").mockImplementation(() => {});
    const result = await sendEmail({
      to: "down@example.com",
      subject: "Reminder",
      blocks: [paragraph("Your bill is due.")],
    });
    expect(result).toBe("FAILED");
    const row = await database.db.outboxEmail.findFirstOrThrow({ where: { to: "down@example.com" } });
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.text).not.toContain("Your bill is due.");
    vi.restoreAllMocks();
  });

  it("keeps the message in the outbox, body included, when no SMTP server is configured", async () => {
    vi.stubEnv("SMTP_URL", undefined);
    resetEnvForTests();
    const result = await sendEmail({
      to: "stored@example.com",
      subject: "Stored",
      blocks: [paragraph("Readable by an admin.")],
    });
    expect(result).toBe("STORED");
    expect(smtp.received).toHaveLength(0);
    const row = await database.db.outboxEmail.findFirstOrThrow({ where: { to: "stored@example.com" } });
    expect(row).toMatchObject({ status: "STORED", text: "Readable by an admin." });
    // The HTML part too, for the outbox's "view HTML".
    expect(row.html).toContain("Readable by an admin.");
    expect(row.html).toMatch(/^<!DOCTYPE html/);
  });

  /**
   * Emails whose language is not a signed-in reader's (docs/i18n.md, "Outside the browser"), as a
   * Spanish reader gets them through the mail server: the family member told that the guarantor
   * ended what they set up (the member's saved language), the agreement of a plan agreed to in
   * Spanish (the agreed text's language), and the receipt staff sent to a typed address in Spanish
   * (the language the clerk chose). The autopay emails of an enrolment from the practice's file
   * are the patients' own templates (templates.test.ts renders them in Spanish; which language
   * they take is lib/autopay/autopay.int.test.ts's). axe takes seconds an email, hence these three.
   */
  const practice = {
    practiceId: "prac_1",
    practiceName: "Riverside Family Medicine",
    accountNumber: "A-1001",
  };
  const SPANISH: [string, TEmailMessage, string[]][] = [
    [
      "a family member's plan ended",
      arrangementEndedByGuarantorEmail({
        ...practice,
        to: "familia@example.com",
        guarantorName: "Pat Rivera",
        what: "plan",
        locale: "es",
      }),
      [
        "Pat Rivera, garante de la cuenta A-1001 en Riverside Family Medicine, canceló el plan de pagos que usted configuró en ella.",
        "No se volverá a cobrar por ello a su tarjeta ni a su cuenta bancaria.",
      ],
    ],
    [
      "a plan agreed to in Spanish",
      agreementEmail({
        ...practice,
        to: "acuerdo@example.com",
        agreedVia: "IN_PERSON",
        agreedOn: "1 dic 2026, 10:00 a.m. EST",
        agreementVersion: PLAN_AGREEMENT_VERSIONS.es,
        agreementText: "Acepto pagar $125.40 al mes con Visa ••4242.\nEl primer pago vence el 15 dic 2026.",
        hasLogin: false,
        locale: "es",
      }),
      [
        "El 1 dic 2026, 10:00 a.m. EST, nuestra oficina de facturación acordó con usted en persona un plan de pagos para la cuenta A-1001.",
        "Acepto pagar $125.40 al mes con Visa ••4242.\nEl primer pago vence el 15 dic 2026.",
        "Si usted no aceptó este plan, comuníquese de inmediato con Riverside Family Medicine.",
      ],
    ],
    [
      "a receipt sent to a typed address",
      receiptEmail(receiptFixture(), {
        to: "recibo@example.com",
        practiceId: practice.practiceId,
        isGuest: true,
        locale: "es",
      }),
      ["Gracias por su pago a Riverside Family Medicine.", "Número de recibo", "Estados de cuenta pagados:"],
    ],
  ];

  it.each(SPANISH)(
    "%s, in Spanish: subject and both parts in Spanish, in UTF-8, and an HTML part axe finds nothing wrong with",
    async (_, message, sentences) => {
      useSmtpUrl(`smtp://127.0.0.1:${smtp.port}`);
      expect(await sendEmail(message)).toBe("SENT");
      const received = smtp.received.find((m) => m.to.includes(message.to));
      const mail = readMessage(received!.raw);
      expect(mail.subject).toBe(message.subject);
      expect(mail.text?.type).toMatch(/charset=utf-8/i);
      expect(mail.html?.type).toMatch(/charset=utf-8/i);
      const html = mail.html!.body;
      // The HTML's words without its tags, comments and character references.
      const shown = html
        .replace(/<head>[\s\S]*?<\/head>/, "")
        .replace(/<!--[\s\S]*?-->/g, "")
        .replace(/<br\/>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&#x27;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&");
      for (const sentence of sentences) {
        expect(mail.text!.body).toContain(sentence);
        expect(shown).toContain(sentence);
      }
      // No English of the templates is left in either part.
      for (const part of [mail.subject, mail.text!.body, shown]) {
        expect(part).not.toMatch(/\b(?:Your|your|the|This|Please|See|account|payment)\b/);
      }
      expect(await emailAccessibility(html)).toEqual({ title: message.subject, lang: "es", violations: [] });
    },
  );
});
