import type { Role } from "@/lib/generated/prisma/enums";

export const homeFor = (role: Role) => (role === "PATIENT" ? "/bills" : "/staff");

/** Only same-site paths: an open redirect would let a phishing link borrow our sign-in page. */
export const safeCallbackUrl = (value: string | undefined, fallback = "/") =>
  value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
