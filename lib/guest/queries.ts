import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { getStatementForGuestOrThrow, type TStatementDetail } from "@/lib/statements/queries";

export type TGuestStatement =
  | { status: "ok"; statement: TStatementDetail }
  /** The browser had a guest session, but it has expired (or was tampered with). */
  | { status: "expired" }
  | { status: "none" };

/** This browser's guest session, checked once per request (the layout and the page both ask). */
const getGuestSession = cache(async () => {
  const token = (await cookies()).get(GUEST_COOKIE)?.value;
  if (!token) return { status: "none" } as const;
  const session = await verifyGuestSession(token);
  return session
    ? ({ status: "ok", statementId: session.statementId } as const)
    : ({ status: "expired" } as const);
});

/**
 * For the guest's statement and pay pages, in their layout: no guest session goes to the lookup,
 * an expired (or tampered) one to the lookup with a note. In the layout, before the pages'
 * loading state streams, so the answer is still a redirect and not a page.
 */
export const guestSessionPage = async (): Promise<void> => {
  const session = await getGuestSession();
  if (session.status === "none") redirect("/guest");
  if (session.status === "expired") redirect("/guest?expired=1");
};

/** The statement of this browser's guest session. */
export const getGuestStatement = async (): Promise<TGuestStatement> => {
  const session = await getGuestSession();
  if (session.status !== "ok") return session;
  const statement = await getStatementForGuestOrThrow({ statementId: session.statementId }).catch(() => null);
  return statement ? { status: "ok", statement } : { status: "expired" };
};
