import { createHmac, timingSafeEqual } from "node:crypto";

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export const signWebhook = ({
  body,
  secret,
  timestamp,
}: {
  body: string;
  secret: string;
  timestamp: number;
}) => `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/**
 * Checks `Gateway-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` over the raw body. The gateway
 * signs with each of its current secrets while one is rotated, so any `v1` may match any of
 * `secrets` (ours: the current one and, during a rotation, the previous one). False for a
 * missing or malformed header, no matching signature, or a timestamp more than 5 minutes away.
 */
export const verifyWebhookSignature = ({
  header,
  body,
  secrets,
  now = new Date(),
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
}: {
  header: string | null | undefined;
  body: string;
  secrets: readonly string[];
  now?: Date;
  toleranceSeconds?: number;
}): boolean => {
  if (!header || secrets.length === 0) return false;
  let timestamp: number | undefined;
  const given: Buffer[] = [];
  for (const part of header.split(",")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const [key, value] = [part.slice(0, i).trim(), part.slice(i + 1).trim()];
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) given.push(Buffer.from(value, "hex"));
  }
  if (timestamp === undefined || given.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = secrets.map((secret) =>
    createHmac("sha256", secret).update(`${timestamp}.${body}`).digest(),
  );
  // Every comparison runs (no early exit), each in constant time.
  return expected
    .flatMap((e) => given.map((g) => timingSafeEqual(e, g)))
    .reduce((any, match) => any || match, false);
};
