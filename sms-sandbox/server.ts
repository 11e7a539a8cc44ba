import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signTwilioRequest } from "./signature";

/**
 * The sandbox SMS server: a program of its own (like the sandbox gateway) that speaks the part of
 * Twilio's REST API the portal uses, keeps every message in memory and can send the portal an
 * inbound text signed as Twilio signs it. docs/sms.md describes it.
 *
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json   send (form: To, From, Body, StatusCallback)
 *   GET  /2010-04-01/Accounts/{AccountSid}/Messages.json   list, newest first (?To=, ?From=, ?PageSize=)
 *   POST /sandbox/inbound                                  a patient texts the portal (JSON or form: From, Body)
 *   GET  /health
 *
 * Every call but /health needs HTTP basic auth AccountSid:AuthToken, as Twilio's API does.
 * To +15005550001 is refused as an invalid number (Twilio's own test number for that).
 */

export type TSandboxMessage = {
  sid: string;
  account_sid: string;
  direction: "outbound-api" | "inbound";
  from: string;
  to: string;
  body: string;
  status: "delivered" | "received";
  num_segments: string;
  date_created: string;
  date_sent: string;
  /** For an inbound text: what the portal's webhook answered (its HTTP status), or null if unreachable. */
  webhook_status?: number | null;
};

export type TSmsSandboxOptions = {
  /** 0: any free port. */
  port?: number;
  accountSid: string;
  authToken: string;
  /** The portal's inbound webhook (its public URL: the signature covers it); unset: inbound is refused. */
  webhookUrl?: string;
  /** The portal's number, the To of inbound texts. */
  portalNumber?: string;
  /** Messages kept (oldest forgotten first). */
  maxMessages?: number;
  log?: (line: string) => void;
};

/** The invalid-number test number (Twilio's magic "To" for error 21211). */
export const INVALID_NUMBER = "+15005550001";

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY_BYTES = 64 * 1024;

const newSid = () => `SM${randomBytes(16).toString("hex")}`;
/** Twilio's date format (RFC 2822). */
const twilioDate = (d: Date) => d.toUTCString().replace("GMT", "+0000");

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

/** Twilio's error body. */
const twilioError = (res: ServerResponse, status: number, code: number, message: string) =>
  send(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

const sameText = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

export const createSmsSandbox = async (options: TSmsSandboxOptions) => {
  const log = options.log ?? (() => {});
  const maxMessages = options.maxMessages ?? 10_000;
  const messages: TSandboxMessage[] = [];
  const keep = (m: TSandboxMessage) => {
    messages.push(m);
    if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
  };
  const basePath = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;

  const postSigned = async (url: string, params: Record<string, string>) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest(options.authToken, url, params),
      },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(15_000),
    });
    await response.text();
    return response.status;
  };

  const sendMessage = (res: ServerResponse, form: URLSearchParams) => {
    const to = form.get("To") ?? "";
    const from = form.get("From") ?? "";
    const body = form.get("Body") ?? "";
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to) || to === INVALID_NUMBER) {
      return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    if (!from) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(res, 400, 21602, "Message body is required.");
    if (body.length > 1600)
      return twilioError(res, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    const now = new Date();
    const message: TSandboxMessage = {
      sid: newSid(),
      account_sid: options.accountSid,
      direction: "outbound-api",
      from,
      to,
      body,
      status: "delivered",
      num_segments: String(Math.max(1, Math.ceil(body.length / 153))),
      date_created: twilioDate(now),
      date_sent: twilioDate(now),
    };
    keep(message);
    log(`sent ${message.sid} to ${to.slice(0, -4)}••••`);
    send(res, 201, {
      ...message,
      status: "queued",
      uri: `${basePath.replace(".json", "")}/${message.sid}.json`,
    });
    const callback = form.get("StatusCallback");
    if (callback) {
      postSigned(callback, {
        AccountSid: options.accountSid,
        MessageSid: message.sid,
        MessageStatus: "delivered",
        From: from,
        To: to,
      }).catch((error: unknown) => log(`status callback to ${callback} failed: ${String(error)}`));
    }
  };

  const listMessages = (res: ServerResponse, query: URLSearchParams) => {
    const to = query.get("To");
    const from = query.get("From");
    const pageSize = Math.min(1000, Math.max(1, Number(query.get("PageSize") ?? 50) || 50));
    const found = messages
      .filter((m) => (!to || m.to === to) && (!from || m.from === from))
      .reverse()
      .slice(0, pageSize);
    send(res, 200, { messages: found, page: 0, page_size: pageSize, uri: basePath });
  };

  const inbound = async (res: ServerResponse, raw: string, contentType: string) => {
    if (!options.webhookUrl)
      return send(res, 409, { error: "no webhook URL configured (SMS_SANDBOX_WEBHOOK_URL)" });
    const input: Record<string, unknown> = contentType.includes("application/json")
      ? (JSON.parse(raw || "{}") as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const from = String(input.From ?? input.from ?? "");
    const body = String(input.Body ?? input.body ?? "");
    const to = String(input.To ?? input.to ?? options.portalNumber ?? "");
    if (!E164.test(from))
      return send(res, 400, { error: "From must be a number in E.164 form, e.g. +12675550188" });
    if (!E164.test(to)) return send(res, 400, { error: "To must be the portal's number in E.164 form" });
    const now = new Date();
    const message: TSandboxMessage = {
      sid: newSid(),
      account_sid: options.accountSid,
      direction: "inbound",
      from,
      to,
      body,
      status: "received",
      num_segments: "1",
      date_created: twilioDate(now),
      date_sent: twilioDate(now),
    };
    keep(message);
    let webhookStatus: number | null = null;
    try {
      webhookStatus = await postSigned(options.webhookUrl, {
        MessageSid: message.sid,
        SmsMessageSid: message.sid,
        AccountSid: options.accountSid,
        From: from,
        To: to,
        Body: body,
        NumMedia: "0",
        NumSegments: "1",
        ApiVersion: "2010-04-01",
      });
    } catch (error) {
      log(`inbound webhook to ${options.webhookUrl} failed: ${String(error)}`);
    }
    message.webhook_status = webhookStatus;
    log(`inbound ${message.sid} from ${from.slice(0, -4)}•••• → webhook ${webhookStatus ?? "unreachable"}`);
    send(res, 201, message);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    if (req.method === "GET" && url.pathname === "/health") return send(res, 200, { ok: true });
    const isApi = url.pathname === basePath || url.pathname.startsWith("/2010-04-01/");
    const isSandbox = url.pathname === "/sandbox/inbound";
    if (!isApi && !isSandbox) return twilioError(res, 404, 20404, "The requested resource was not found");
    if (!sameText(req.headers.authorization ?? "", expectedAuth)) {
      res.setHeader("www-authenticate", 'Basic realm="Twilio API"');
      return twilioError(res, 401, 20003, "Authenticate");
    }
    if (isApi && url.pathname !== basePath)
      return twilioError(res, 404, 20404, "The requested resource was not found");
    readBody(req)
      .then(
        async (raw) => {
          if (isApi && req.method === "POST") return sendMessage(res, new URLSearchParams(raw));
          if (isApi && req.method === "GET") return listMessages(res, url.searchParams);
          if (isSandbox && req.method === "POST") return inbound(res, raw, req.headers["content-type"] ?? "");
          twilioError(res, 405, 20004, "Method not allowed");
        },
        () => twilioError(res, 413, 20001, "Request too large"),
      )
      .catch((error: unknown) => {
        log(`error: ${String(error)}`);
        if (!res.headersSent) send(res, 400, { error: "bad request" });
      });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    messages: () => [...messages],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
};
