import "server-only";
import { cookies } from "next/headers";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { getStatementForGuestOrThrow } from "@/lib/statements/queries";

/** The statement of this browser's guest session, or null when there is no valid session. */
export const getGuestStatement = async () => {
  const session = await verifyGuestSession((await cookies()).get(GUEST_COOKIE)?.value);
  if (!session) return null;
  return getStatementForGuestOrThrow({ statementId: session.statementId }).catch(() => null);
};
