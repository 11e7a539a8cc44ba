"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/define-action";
import { setGuestSessionCookie } from "@/lib/guest/session-cookie";
import { verifyTextToPayDob } from "@/lib/text-to-pay/open-link";
import { ZTextToPayDobInput } from "@/lib/text-to-pay/schemas";
import { TEXT_LINK_MESSAGES } from "@/lib/text-to-pay/text-link-messages";
import { TEXT_LINK_COOKIE } from "@/lib/text-to-pay/token";
import { AppError } from "@/lib/errors";

const anyone = async () => null;

/**
 * The date of birth asked by a text-to-pay link past its first day; then the statement, as after
 * the guest lookup. Not the pay page itself: a redirect from an action is a client-side
 * navigation, and the pay page must arrive as a document of its own to frame the gateway (its
 * Content-Security-Policy; components/payments/pay-link.tsx), which the statement's Pay link does.
 */
export const verifyTextToPayDobAction = defineAction({
  schema: ZTextToPayDobInput,
  guard: anyone,
  handler: async ({ input, context }) => {
    const jar = await cookies();
    const token = jar.get(TEXT_LINK_COOKIE)?.value;
    if (!token) {
      throw new AppError("NOT_FOUND", {
        message: "text link: no token cookie",
        userMessage: TEXT_LINK_MESSAGES.openLinkAgain,
      });
    }
    const { statementId } = await verifyTextToPayDob({ token, dob: input.dob, context });
    jar.delete(TEXT_LINK_COOKIE);
    await setGuestSessionCookie(statementId);
    redirect("/guest/statement");
  },
});
