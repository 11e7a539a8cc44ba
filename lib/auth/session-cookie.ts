import "server-only";
import { cookies, headers } from "next/headers";
import { encode, getToken } from "next-auth/jwt";
import { authOptions, sessionCookie } from "@/lib/auth/options";
import { secrets } from "@/lib/env";

/**
 * Carries the session of this request over to the user's new sessionVersion, for a server
 * action that bumped it (a password change) and must not sign out the very session that asked.
 *
 * Every other session keeps the old version in its JWT and is refused on its next request
 * (getActor compares it with the database). This one gets its JWT re-issued here, by the
 * server, with the same claims and the new version, encrypted with next-auth's own `encode`
 * and the same secret and lifetime, into the same cookie (sessionCookie). Nothing comes from
 * the browser: the client never gets to name a session version (next-auth's client-side
 * `update()` would let any stale session ask for one). Returns false, changing nothing, when
 * the request carries no session of `userId`.
 */
export const carrySessionOver = async ({
  userId,
  sessionVersion,
}: {
  userId: string;
  sessionVersion: number;
}): Promise<boolean> => {
  const options = authOptions();
  const secret = secrets().authSecret;
  const maxAge = options.session?.maxAge ?? 30 * 24 * 60 * 60;
  const { name, options: cookieOptions } = sessionCookie();
  const jar = await cookies();
  const token = await getToken({
    // getToken reads cookies (including next-auth's chunked ones) and headers from this shape.
    req: {
      cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])),
      headers: Object.fromEntries(await headers()),
    } as unknown as Parameters<typeof getToken>[0]["req"],
    secureCookie: cookieOptions.secure,
    cookieName: name,
    secret,
  });
  if (!token || token.uid !== userId) return false;
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  const value = await encode({ token: { ...claims, sv: sessionVersion }, secret, maxAge });
  // A session cookie next-auth had split into chunks (name.0, name.1…) is replaced by one.
  for (const c of jar.getAll()) {
    if (c.name.startsWith(`${name}.`)) jar.delete({ name: c.name, path: cookieOptions.path });
  }
  jar.set(name, value, { ...cookieOptions, expires: new Date(Date.now() + maxAge * 1000) });
  return true;
};
