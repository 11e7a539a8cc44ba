import { createHmac } from "node:crypto";

/**
 * The `Portal-Signature` header of a delivery (docs/webhooks.md): `t=<unix seconds>` and one
 * `v1=<hex HMAC-SHA256 of "<t>.<body>">` per secret, the current secret first (two during a
 * rotation). Signed afresh at each attempt, so the 5-minute tolerance holds for retries.
 */
export const signatureHeader = ({ body, secrets, at }: { body: string; secrets: string[]; at: Date }) => {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = secrets.map(
    (secret) => `v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`,
  );
  return [`t=${t}`, ...v1].join(",");
};
