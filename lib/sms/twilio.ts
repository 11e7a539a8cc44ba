import { z } from "zod";
import type { TSmsConfig } from "@/lib/env";
import { SmsProviderError, type TSmsProvider } from "@/lib/sms/types";

/** How long one send may take before it counts as failed (and is tried again later). */
const TIMEOUT_MS = 10_000;

/** What Twilio answers to a created message (the fields we read). */
const ZTwilioMessage = z.object({ sid: z.string().min(1), status: z.string() });
/** Twilio's error body: `{ code, message, more_info, status }`. */
const ZTwilioError = z.object({ code: z.number().nullish(), message: z.string().nullish() });

/**
 * The Twilio REST API's Messages resource, or any server that speaks it (the sandbox SMS
 * server): POST {apiUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From,
 * Body and an optional StatusCallback, with HTTP basic auth AccountSid:AuthToken.
 */
export const createTwilioProvider = (
  config: TSmsConfig,
  { fetchImpl = fetch }: { fetchImpl?: typeof fetch } = {},
): TSmsProvider => {
  const url = new URL(
    `2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`,
    config.apiUrl.endsWith("/") ? config.apiUrl : `${config.apiUrl}/`,
  );
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    send: async ({ to, body, statusCallback }) => {
      const form = new URLSearchParams({ To: to, From: config.from, Body: body });
      if (statusCallback) form.set("StatusCallback", statusCallback);
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers: {
            authorization,
            "content-type": "application/x-www-form-urlencoded",
            accept: "application/json",
          },
          body: form,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        throw new SmsProviderError(`SMS provider unreachable: ${(error as Error).message}`, false);
      }
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const parsed = ZTwilioError.safeParse(json);
        const code = parsed.success && parsed.data.code != null ? String(parsed.data.code) : null;
        const message = (parsed.success && parsed.data.message) || `HTTP ${response.status}`;
        const isPermanent = response.status >= 400 && response.status < 500 && response.status !== 429;
        throw new SmsProviderError(
          `SMS provider refused (${response.status}): ${message}`,
          isPermanent,
          code,
        );
      }
      const parsed = ZTwilioMessage.safeParse(json);
      if (!parsed.success) throw new SmsProviderError("SMS provider answered without a message sid", false);
      return { sid: parsed.data.sid };
    },
  };
};
