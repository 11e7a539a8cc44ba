import "server-only";
import { appUrl, smsConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { handleInboundSms } from "@/lib/sms/handle-inbound";
import { sendSmsNow } from "@/lib/sms/sender";
import { isValidTwilioSignature } from "@/lib/sms/signature";

/** Where the provider posts inbound texts; its signature is over this URL (docs/sms.md). */
export const SMS_INBOUND_PATH = "/api/webhooks/sms";

/** An empty TwiML answer: the replies go through the queue, not back in the response. */
const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export type TInboundAnswer = { status: number; body: string; contentType: string };

const plain = (status: number, body: string): TInboundAnswer => ({
  status,
  body,
  contentType: "text/plain; charset=utf-8",
});

/**
 * The provider's inbound-message webhook: form-encoded Twilio parameters signed with
 * X-Twilio-Signature (HMAC-SHA1 of our public URL and the sorted parameters, keyed with the auth
 * token). Unsigned or wrongly signed: 403, nothing read further. Signed: the keyword is honoured
 * (handleInboundSms), its reply sent at once, and an empty TwiML answer returned. With SMS not
 * configured the route does not exist (404).
 */
export const receiveInboundSms = async ({
  rawBody,
  signature,
}: {
  rawBody: string;
  signature: string | null;
}): Promise<TInboundAnswer> => {
  const config = smsConfig();
  if (!config) return plain(404, "Not found");
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  const url = appUrl(SMS_INBOUND_PATH);
  if (!isValidTwilioSignature({ signature, url, params, authToken: config.authToken })) {
    log.warn("[sms] inbound webhook refused: missing or bad X-Twilio-Signature");
    return plain(403, "Forbidden");
  }
  const { MessageSid: messageSid, From: from, Body: body } = params;
  if (!messageSid || !from || body === undefined) return plain(400, "MessageSid, From and Body are required");
  const { replyIds } = await handleInboundSms({ messageSid, from, body });
  await sendSmsNow(replyIds);
  return { status: 200, body: TWIML_EMPTY, contentType: "text/xml; charset=utf-8" };
};
