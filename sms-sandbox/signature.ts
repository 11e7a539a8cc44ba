import { createHmac } from "node:crypto";

/**
 * How Twilio signs the requests it sends (X-Twilio-Signature): HMAC-SHA1 with the auth token of
 * the full URL followed by every POST parameter's name and value, sorted by name, in base64.
 * Written here on its own, not shared with the portal's checker, so the contract test compares
 * two implementations.
 */
export const signTwilioRequest = (authToken: string, url: string, params: Record<string, string>) => {
  const hmac = createHmac("sha1", authToken);
  hmac.update(url);
  for (const name of Object.keys(params).sort()) hmac.update(`${name}${params[name]}`);
  return hmac.digest("base64");
};
