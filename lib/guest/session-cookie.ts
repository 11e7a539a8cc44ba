import "server-only";
import { cookies } from "next/headers";
import { isSecureCookieOrigin } from "@/lib/env";
import { GUEST_COOKIE, GUEST_SESSION_SECONDS, signGuestSession } from "@/lib/guest/session";

/**
 * Starts this browser's guest session on one statement (the guest lookup, a text-to-pay link):
 * from a server action or a route handler, which may set cookies.
 */
export const setGuestSessionCookie = async (statementId: string) =>
  (await cookies()).set(GUEST_COOKIE, await signGuestSession(statementId), {
    httpOnly: true,
    secure: isSecureCookieOrigin(),
    sameSite: "lax",
    path: "/",
    maxAge: GUEST_SESSION_SECONDS,
  });
