import { createHash, timingSafeEqual } from "node:crypto";

export type TMetricsAccess = "disabled" | "unauthorized" | "ok";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Who may read /api/metrics: nobody when no token is configured (the endpoint is not there),
 * else a request whose `Authorization` is `Bearer <the token>`. Compared as SHA-256 digests with
 * timingSafeEqual, so the time taken says nothing of the token, its length included.
 */
export const checkMetricsAccess = ({
  token,
  authorization,
}: {
  token: string | null;
  authorization: string | null;
}): TMetricsAccess => {
  if (!token) return "disabled";
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  const given = match?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0 ? "ok" : "unauthorized";
};
