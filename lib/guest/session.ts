import { SignJWT, jwtVerify } from "jose";
import { secrets } from "@/lib/env";

export const GUEST_COOKIE = "ppp_guest";
export const GUEST_SESSION_SECONDS = 15 * 60;

/** A guest session is scoped to exactly one statement and lasts 15 minutes. */
export const signGuestSession = async (statementId: string, now = Date.now()) =>
  new SignJWT({ sid: statementId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + GUEST_SESSION_SECONDS)
    .setAudience("guest")
    .sign(secrets().guestSessionKey);

export const verifyGuestSession = async (
  token: string | undefined,
): Promise<{ statementId: string } | null> => {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secrets().guestSessionKey, {
      audience: "guest",
      algorithms: ["HS256"],
    });
    return typeof payload.sid === "string" ? { statementId: payload.sid } : null;
  } catch {
    return null;
  }
};
