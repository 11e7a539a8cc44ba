import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, isSecureCookieOrigin, secrets } from "@/lib/env";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { signInWithPasskey } from "@/lib/auth/mfa/passkeys";
import { endSession, sessionOfClaims } from "@/lib/auth/user-session";
import { contextFromHeaders } from "@/lib/request-context";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
    /** The server-side session (user_session) this sign-in began. */
    sessionId: string;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** The user's sessionVersion when this session began. */
    sv: number;
    /** The server-side session (user_session) the cookie names. */
    sid: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    sv: number;
    sid: string;
  }
}

/** What the jwt callback throws for a session that has ended: next-auth then clears the cookie. */
const SESSION_ENDED = "SESSION_ENDED";

/** Errors the credentials provider raises; the login form maps each to a message. */
export const SIGN_IN_ERRORS = [
  "INVALID_CREDENTIALS",
  "EMAIL_NOT_VERIFIED",
  "PASSWORD_CHANGE_REQUIRED",
  "RATE_LIMITED",
  "UNAVAILABLE",
] as const;

/**
 * The session cookie, named and set as next-auth's own default (`__Secure-` prefix on secure
 * origins, HttpOnly, SameSite=Lax). Spelled out here because lib/auth/session-cookie.ts writes
 * the same cookie when it carries a session over to a new sessionVersion.
 */
export const sessionCookie = () => {
  const isSecure = isSecureCookieOrigin();
  return {
    name: `${isSecure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: isSecure },
  };
};

export const authOptions = (): NextAuthOptions => {
  const { SESSION_IDLE_TIMEOUT_SECONDS } = env();
  return {
    secret: secrets().authSecret,
    // The JWT lives only as long as the idle timeout; every session refresh from an active
    // browser (see IdleSignOut) re-issues it, so an idle browser's session simply expires.
    session: { strategy: "jwt", maxAge: SESSION_IDLE_TIMEOUT_SECONDS, updateAge: 0 },
    // httpOnly + SameSite=Lax by next-auth's default; Secure (and the __Secure- prefix) on
    // https and on localhost, which browsers treat as a secure context.
    useSecureCookies: isSecureCookieOrigin(),
    cookies: { sessionToken: sessionCookie() },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        // Every failure becomes one of SIGN_IN_ERRORS: next-auth puts the thrown message in the
        // sign-in page's URL, and nothing else (a database error's text) may get there.
        async authorize(credentials, req) {
          let result: Awaited<ReturnType<typeof signInWithPassword>>;
          try {
            result = await signInWithPassword({
              email: String(credentials?.email ?? ""),
              password: String(credentials?.password ?? ""),
              context: contextFromHeaders(new Headers((req.headers ?? {}) as Record<string, string>)),
            });
          } catch (error) {
            log.error({ err: error }, "[auth] sign-in failed");
            throw new Error("UNAVAILABLE");
          }
          if (!result.ok) throw new Error(result.reason);
          return result.user;
        },
      }),
      // A passkey (WebAuthn): the challenge the page was given and the authenticator's answer.
      CredentialsProvider({
        id: "passkey",
        name: "Passkey",
        credentials: { challengeId: { type: "text" }, response: { type: "text" } },
        async authorize(credentials, req) {
          let result: Awaited<ReturnType<typeof signInWithPasskey>>;
          try {
            const response: unknown = JSON.parse(String(credentials?.response ?? "null"));
            if (
              !response ||
              typeof response !== "object" ||
              typeof (response as { id?: unknown }).id !== "string"
            ) {
              throw new Error("INVALID_CREDENTIALS");
            }
            result = await signInWithPasskey({
              challengeId: String(credentials?.challengeId ?? ""),
              response: response as Parameters<typeof signInWithPasskey>[0]["response"],
              context: contextFromHeaders(new Headers((req.headers ?? {}) as Record<string, string>)),
            });
          } catch (error) {
            if (error instanceof SyntaxError || (error as Error)?.message === "INVALID_CREDENTIALS") {
              throw new Error("INVALID_CREDENTIALS");
            }
            log.error({ err: error }, "[auth] passkey sign-in failed");
            throw new Error("UNAVAILABLE");
          }
          if (!result.ok) throw new Error(result.reason);
          return result.user;
        },
      }),
    ],
    callbacks: {
      // On sign-in, the new session's claims; on every later read (a page, an action, the
      // browser's refresh of /api/auth/session), the session must still be good on the server:
      // an ended, idle, expired or superseded one is refused, and next-auth then clears the
      // cookie instead of renewing it.
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
          token.sid = user.sessionId;
          return token;
        }
        if (!(await sessionOfClaims(token))) throw new Error(SESSION_ENDED);
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
        session.sv = token.sv;
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server, so its cookie is worthless if kept or copied.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession({ sessionId: token.sid, reason: "signed_out" });
        if (token?.uid) {
          await recordAudit({
            actor: { kind: "user", userId: token.uid, role: token.role, label: token.email ?? undefined },
            action: "auth.sign_out",
          });
        }
      },
    },
    logger: {
      // A cookie of an ended session is refused as a matter of course, not an error worth a log line.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: string })?.message === SESSION_ENDED)
          return;
        log.error({ metadata }, `[next-auth][error][${code}]`);
      },
      warn(code) {
        log.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
};
