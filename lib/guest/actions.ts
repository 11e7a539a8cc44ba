"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/define-action";
import { findStatementByProof } from "@/lib/guest/find-statement";
import { lookupFailureError } from "@/lib/guest/lookup-errors";
import { ZStatementProofInput } from "@/lib/guest/schemas";
import { GUEST_COOKIE } from "@/lib/guest/session";
import { setGuestSessionCookie } from "@/lib/guest/session-cookie";
import { z } from "zod";

const anyone = async () => null;

export const guestLookupAction = defineAction({
  schema: ZStatementProofInput,
  guard: anyone,
  handler: async ({ input, context }) => {
    const found = await findStatementByProof({ proof: input, context, purpose: "guest_lookup" });
    if (!found.ok) throw lookupFailureError(found);
    await setGuestSessionCookie(found.statementId);
    redirect("/guest/statement");
  },
});

export const endGuestSessionAction = defineAction({
  schema: z.object({}),
  guard: anyone,
  handler: async () => {
    (await cookies()).delete(GUEST_COOKIE);
    redirect("/guest?ended=1");
  },
});
