import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Public origin of the portal, e.g. https://pay.example.org (also next-auth's NEXTAUTH_URL). */
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** HIPAA automatic logoff: sign out after this many idle seconds. */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  /** smtp://user:pass@host:port or smtps://…; without it mail is kept in the outbox table. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Riverside Family Medicine <billing@example.com>"),
  /** Trust X-Forwarded-For for the client IP (set behind a reverse proxy you control). */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** Read at use time, never at import time, so `next build` needs no environment. */
export const env = (): TEnv => {
  cached ??= ZEnv.parse(process.env);
  return cached;
};

export const resetEnvForTests = () => {
  cached = undefined;
};

export const appUrl = (path: string) => new URL(path, env().NEXTAUTH_URL).toString();

/** Secure cookies on https, and on localhost, which browsers treat as a secure context. */
export const isSecureCookieOrigin = () => {
  const { protocol, hostname } = new URL(env().NEXTAUTH_URL);
  return protocol === "https:" || hostname === "localhost" || hostname === "127.0.0.1";
};
