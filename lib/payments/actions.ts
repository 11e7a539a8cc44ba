"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { requirePatient } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { requestLocale } from "@/lib/auth/request-locale";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { payBill } from "@/lib/payments/pay-bill";
import { PAY_MESSAGES } from "@/lib/payments/pay-messages";
import { ZPayBillInput } from "@/lib/payments/schemas";
import { createApplePaySession } from "@/lib/payments/wallets";

export const payBillAction = defineAction({
  schema: ZPayBillInput,
  guard: () => requirePatient(),
  // No revalidatePath: it would make Next re-render the pay page into this answer (its queries
  // and some 13 KB) for a browser that goes straight on to the receipt. Every page that shows a
  // balance is rendered per request (nothing of it is cached on the server), so the next visit
  // to /bills or /payments reads the new balance, as the guest's pay action always has.
  handler: ({ input, auth, context }) =>
    payBill({
      payer: { kind: "patient", userId: auth.userId, email: auth.email },
      input,
      context,
    }),
});

export const guestPayBillAction = defineAction({
  schema: ZPayBillInput,
  guard: async () => {
    const session = await verifyGuestSession((await cookies()).get(GUEST_COOKIE)?.value);
    if (!session) {
      throw new AppError("UNAUTHENTICATED", {
        userMessage: PAY_MESSAGES.guestSessionEnded,
      });
    }
    return session;
  },
  handler: async ({ input, auth, context }) =>
    payBill({
      payer: { kind: "guest", statementId: auth.statementId, locale: await requestLocale() },
      input,
      context,
    }),
});

/** A patient or a guest on a pay page, whoever it is: Apple Pay merchant validation needs one or the other. */
const payerGuard = async () => {
  const session = await verifyGuestSession((await cookies()).get(GUEST_COOKIE)?.value);
  if (session) return session;
  return requirePatient();
};

/** Apple Pay's `onvalidatemerchant` (lib/payments/wallets.ts). */
export const applePayMerchantSessionAction = defineAction({
  schema: z.object({ validationUrl: z.string().url().max(500) }),
  guard: payerGuard,
  handler: ({ input }) => createApplePaySession({ validationUrl: input.validationUrl }),
});
