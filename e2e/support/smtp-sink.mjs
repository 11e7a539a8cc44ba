#!/usr/bin/env node
// A local mail sink for the browser tests: a real SMTP server (no TLS, no auth) that keeps every
// message in memory, and a small HTTP endpoint that lists them as JSON (GET /messages) and
// forgets them (DELETE /messages). Tests read verification and reset links from it, and the
// HTML part of a multipart/alternative message (`html`, "" when there is none) to check it too.
//
//   SMTP_SINK_PORT (default 2525), SMTP_SINK_HTTP_PORT (default 2526)
import http from "node:http";
import { SMTPServer } from "smtp-server";

const SMTP_PORT = Number(process.env.SMTP_SINK_PORT ?? 2525);
const HTTP_PORT = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
const HOST = "127.0.0.1";

/** @type {Array<{ id: number; receivedAt: string; from: string; to: string[]; subject: string; text: string; html: string; raw: string }>} */
let messages = [];
let nextId = 1;

const decodeQuotedPrintable = (body) =>
  Buffer.from(
    body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");

/** RFC 2047 encoded words, as nodemailer writes them for long or non-ASCII headers. */
const decodeWords = (value) =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset, encoding, text) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );

const parseHeaders = (block) => {
  const headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
};

const decodeBody = (headers, body) => {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
};

const splitMessage = (raw) => {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { headers: parseHeaders(raw), body: "" };
  return { headers: parseHeaders(raw.slice(0, at)), body: raw.slice(at).replace(/^\r?\n\r?\n/, "") };
};

/**
 * The part of a (possibly multipart, possibly nested) message whose type is `type`
 * ("text/plain" or "text/html"); a message of one part is text/plain unless it says otherwise.
 */
const partOf = (headers, body, type) => {
  const contentType = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return contentType.toLowerCase().startsWith(type) ? decodeBody(headers, body) : "";
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const { headers: h, body: b } = splitMessage(part.replace(/^\r?\n/, ""));
    const found = partOf(h, b, type);
    if (found) return found;
  }
  return "";
};

const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const { headers, body } = splitMessage(raw);
      messages.push({
        id: nextId++,
        receivedAt: new Date().toISOString(),
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        subject: decodeWords(headers.subject ?? ""),
        text: partOf(headers, body, "text/plain").replace(/\r\n/g, "\n"),
        html: partOf(headers, body, "text/html").replace(/\r\n/g, "\n"),
        raw,
      });
      callback();
    });
  },
});
smtp.on("error", (error) => console.error("[smtp-sink]", error.message));

const api = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://${HOST}`);
  if (url.pathname === "/messages" && req.method === "GET") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const list = to ? messages.filter((m) => m.to.includes(to)) : messages;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(list));
    return;
  }
  if (url.pathname === "/messages" && req.method === "DELETE") {
    messages = [];
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === "/health") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  res.writeHead(404).end();
});

smtp.listen(SMTP_PORT, HOST, () => {
  api.listen(HTTP_PORT, HOST, () => {
    console.log(`[smtp-sink] SMTP on ${HOST}:${SMTP_PORT}, messages at http://${HOST}:${HTTP_PORT}/messages`);
  });
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    api.close();
    smtp.close(() => process.exit(0));
  });
}
