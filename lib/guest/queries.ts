import "server-only";
import { cookies } from "next/headers";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { getStatementForGuestOrThrow, type TStatementDetail } from "@/lib/statements/queries";

export type TGuestStatement =
  | { status: "ok"; statement: TStatementDetail }
  /** The browser had a guest session, but it has expired (or was tampered with). */
  | { status: "expired" }
  | { status: "none" };

/** The statement of this browser's guest session. */
export const getGuestStatement = async (): Promise<TGuestStatement> => {
  const token = (await cookies()).get(GUEST_COOKIE)?.value;
  if (!token) return { status: "none" };
  const session = await verifyGuestSession(token);
  if (!session) return { status: "expired" };
  const statement = await getStatementForGuestOrThrow({ statementId: session.statementId }).catch(() => null);
  return statement ? { status: "ok", statement } : { status: "expired" };
};
