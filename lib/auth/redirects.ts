import type { Role } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";

export const homeFor = (role: Role) => (role === "PATIENT" ? "/bills" : "/staff");

/**
 * Where to go after signing in: a path of ours, or `fallback`. An open redirect would let a
 * phishing link borrow our sign-in page, and browsers read more than a `//` prefix as another
 * host (they drop tabs and newlines, and take `\` for `/`), so the value is resolved as the
 * browser would, against our origin, and kept only if it stays there; the path returned is
 * that resolved one, never the raw text.
 */
export const safeCallbackUrl = (value: string | undefined, fallback = "/") => {
  if (!value || !value.startsWith("/")) return fallback;
  const origin = new URL(env().NEXTAUTH_URL).origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser takes for a host.
  return path.startsWith("//") ? fallback : path;
};

/**
 * The page of the second factor a session still owes (the code, or enrolment for staff without
 * TOTP), coming back to `callbackUrl` afterwards.
 */
export const secondFactorPath = (owed: "code" | "enrol", callbackUrl: string) => {
  const page = owed === "enrol" ? "/mfa/enrol" : "/mfa";
  return callbackUrl && callbackUrl !== "/" ? `${page}?callbackUrl=${encodeURIComponent(callbackUrl)}` : page;
};
