import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Twilio's request signature (X-Twilio-Signature): HMAC-SHA1, keyed with the account's auth
 * token, of the full URL the request was sent to followed by each POST parameter's name and
 * value, sorted by name; base64. Both the portal's inbound webhook (which checks it) and the
 * sandbox SMS server (which signs its inbound messages) use it.
 */
export const twilioSignature = ({
  url,
  params,
  authToken,
}: {
  url: string;
  params: Record<string, string>;
  authToken: string;
}) => {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
};

/** Whether `signature` is Twilio's for this request (constant-time comparison). */
export const isValidTwilioSignature = ({
  signature,
  ...request
}: {
  signature: string | null | undefined;
  url: string;
  params: Record<string, string>;
  authToken: string;
}) => {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(request));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
