import "server-only";
import { z } from "zod";
import { smsConfig } from "@/lib/env";
import { log } from "@/lib/log";

const ZListedMessage = z.object({
  sid: z.string(),
  direction: z.string(),
  from: z.string(),
  to: z.string(),
  body: z.string(),
  status: z.string(),
  date_created: z.string(),
});
const ZMessageList = z.object({ messages: z.array(ZListedMessage) });

export type TSandboxText = {
  sid: string;
  isInbound: boolean;
  from: string;
  to: string;
  body: string;
  status: string;
  at: Date;
};

const isLoopback = (url: string) => ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);

/**
 * The texts the sandbox SMS server holds, newest first (its Twilio-shaped list, over HTTP), for
 * the admin's /staff/sms page: `off` when texts are not configured, `provider` when they go to a
 * real provider (read them in its console: this page only reads a sandbox on this machine),
 * `unreachable` when the sandbox does not answer.
 */
export const listSandboxTexts = async ({ limit = 100 }: { limit?: number } = {}): Promise<
  | { state: "off" }
  | { state: "provider"; host: string }
  | { state: "unreachable" }
  | { state: "ok"; texts: TSandboxText[] }
> => {
  const config = smsConfig();
  if (!config) return { state: "off" };
  if (!isLoopback(config.apiUrl)) return { state: "provider", host: new URL(config.apiUrl).host };
  const base = config.apiUrl.endsWith("/") ? config.apiUrl : `${config.apiUrl}/`;
  const url = new URL(`2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`, base);
  url.searchParams.set("PageSize", String(limit));
  try {
    const response = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`,
        accept: "application/json",
      },
      signal: AbortSignal.timeout(5_000),
      cache: "no-store",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { messages } = ZMessageList.parse(await response.json());
    return {
      state: "ok",
      texts: messages.map((m) => ({
        sid: m.sid,
        isInbound: m.direction === "inbound",
        from: m.from,
        to: m.to,
        body: m.body,
        status: m.status,
        at: new Date(m.date_created),
      })),
    };
  } catch (error) {
    log.warn(`[sms] the sandbox's messages could not be read: ${(error as Error).message}`);
    return { state: "unreachable" };
  }
};
