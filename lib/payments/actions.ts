"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { requirePatient } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { payBill } from "@/lib/payments/pay-bill";
import { ZPayBillInput } from "@/lib/payments/schemas";

export const payBillAction = defineAction({
  schema: ZPayBillInput,
  guard: () => requirePatient(),
  handler: async ({ input, auth, context }) => {
    const result = await payBill({
      payer: { kind: "patient", userId: auth.userId, email: auth.email },
      input,
      context,
    });
    revalidatePath("/bills");
    revalidatePath("/payments");
    return result;
  },
});

export const guestPayBillAction = defineAction({
  schema: ZPayBillInput,
  guard: async () => {
    const session = await verifyGuestSession((await cookies()).get(GUEST_COOKIE)?.value);
    if (!session) {
      throw new AppError("UNAUTHENTICATED", {
        userMessage:
          "Your guest session ended after 15 minutes. Look up your statement again; nothing was charged.",
      });
    }
    return session;
  },
  handler: ({ input, auth, context }) =>
    payBill({ payer: { kind: "guest", statementId: auth.statementId }, input, context }),
});
