import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, isSecureCookieOrigin, secrets } from "@/lib/env";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { contextFromHeaders } from "@/lib/request-context";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** The user's sessionVersion when this session began. */
    sv: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    sv: number;
  }
}

/** Errors the credentials provider raises; the login form maps each to a message. */
export const SIGN_IN_ERRORS = ["INVALID_CREDENTIALS", "EMAIL_NOT_VERIFIED", "RATE_LIMITED"] as const;

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
        async authorize(credentials, req) {
          const result = await signInWithPassword({
            email: String(credentials?.email ?? ""),
            password: String(credentials?.password ?? ""),
            context: contextFromHeaders(new Headers((req.headers ?? {}) as Record<string, string>)),
          });
          if (!result.ok) throw new Error(result.reason);
          return result.user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
        session.sv = token.sv;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid) {
          await recordAudit({
            actor: { kind: "user", userId: token.uid, role: token.role, label: token.email ?? undefined },
            action: "auth.sign_out",
          });
        }
      },
    },
  };
};
