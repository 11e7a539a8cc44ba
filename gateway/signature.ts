import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures: `Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * keyed with GATEWAY_WEBHOOK_SECRET (one `v1` per secret while it is rotated). The portal's receiver mirrors verifyGatewaySignature.
 */
export const SIGNATURE_HEADER = "Gateway-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");

/**
 * One `v1` per secret: while the webhook secret is rotated the gateway holds the new and the old
 * one (GATEWAY_WEBHOOK_SECRET=new,old) and signs with both, so a receiver that has either accepts.
 */
export const signGatewayPayload = ({
  body,
  secrets,
  timestamp,
}: {
  body: string | Buffer;
  secrets: readonly string[];
  /** Unix seconds. */
  timestamp: number;
}): string => [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmac(s, timestamp, body)}`)].join(",");

export type TVerifyResult =
  | { ok: true; timestamp: number }
  | {
      ok: false;
      reason: "missing_header" | "malformed_header" | "timestamp_out_of_tolerance" | "signature_mismatch";
    };

/**
 * Checks a `Gateway-Signature` header against the raw request body (the exact bytes received,
 * before any JSON parsing). Refuses a timestamp more than `toleranceSeconds` (default 300) away
 * from `now`, in either direction. Several `v1=` entries are allowed (any one may match), so a
 * sender can sign with an old and a new secret while the secret is rotated.
 */
export const verifyGatewaySignature = ({
  header,
  body,
  secret,
  now = new Date(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}: {
  header: string | null | undefined;
  body: string | Buffer;
  secret: string;
  now?: Date;
  toleranceSeconds?: number;
}): TVerifyResult => {
  if (!header) return { ok: false, reason: "missing_header" };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: "malformed_header" };
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) {
    return { ok: false, reason: "timestamp_out_of_tolerance" };
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  const matches = signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: "signature_mismatch" };
};
