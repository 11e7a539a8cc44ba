import { SignJWT, jwtVerify } from "jose";
import { createHash } from "node:crypto";

export const GUEST_COOKIE = "ppp_guest";
export const GUEST_SESSION_SECONDS = 15 * 60;

const key = () => {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  // A key of its own, derived so that a guest token can never pass as a next-auth token.
  return createHash("sha256").update(`guest-session:${secret}`).digest();
};

/** A guest session is scoped to exactly one statement and lasts 15 minutes. */
export const signGuestSession = async (statementId: string, now = Date.now()) =>
  new SignJWT({ sid: statementId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + GUEST_SESSION_SECONDS)
    .setAudience("guest")
    .sign(key());

export const verifyGuestSession = async (
  token: string | undefined,
): Promise<{ statementId: string } | null> => {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(), { audience: "guest", algorithms: ["HS256"] });
    return typeof payload.sid === "string" ? { statementId: payload.sid } : null;
  } catch {
    return null;
  }
};
