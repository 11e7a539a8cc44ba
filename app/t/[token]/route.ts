import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { appUrl, isSecureCookieOrigin } from "@/lib/env";
import { setGuestSessionCookie } from "@/lib/guest/session-cookie";
import { openTextToPayLink } from "@/lib/text-to-pay/open-link";
import { TEXT_LINK_COOKIE, TEXT_LINK_COOKIE_SECONDS } from "@/lib/text-to-pay/token";

/**
 * A text-to-pay link (docs/sms.md, "Text-to-pay"). In its first day it starts a guest session on
 * its statement and lands on the guest pay page; later it asks the date of birth first
 * (/guest/text-link, the token kept in a short httpOnly cookie); a statement paid or closed since
 * goes to a page that says nothing is owed (/guest/text-link/paid); a link that opens nothing goes
 * to a page that says why. Opening it spends nothing, so a link scanner following it does no harm.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opening = await openTextToPayLink({ token });
  const jar = await cookies();
  const go = (path: string) => {
    const response = NextResponse.redirect(appUrl(path), 303);
    // Nothing keeps the answer (it sets a session), and the token goes to no other site.
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("Referrer-Policy", "no-referrer");
    return response;
  };
  const keepToken = () =>
    jar.set(TEXT_LINK_COOKIE, token, {
      httpOnly: true,
      secure: isSecureCookieOrigin(),
      sameSite: "lax",
      path: "/",
      maxAge: TEXT_LINK_COOKIE_SECONDS,
    });
  if (opening.status === "open") {
    jar.delete(TEXT_LINK_COOKIE);
    await setGuestSessionCookie(opening.statementId);
    return go("/guest/pay");
  }
  if (opening.status === "settled") {
    // Nothing to pay: its own page says so. In its first day the link shows the statement and
    // its receipt too (a guest session); later, the date of birth first, as for paying.
    if (opening.isFresh) {
      jar.delete(TEXT_LINK_COOKIE);
      await setGuestSessionCookie(opening.statementId);
    } else {
      keepToken();
    }
    return go("/guest/text-link/paid");
  }
  if (opening.status === "needs_dob") {
    keepToken();
    return go("/guest/text-link");
  }
  jar.delete(TEXT_LINK_COOKIE);
  return go(`/guest/text-link?problem=${opening.problem}`);
}
