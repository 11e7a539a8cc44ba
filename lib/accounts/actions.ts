"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { requirePatient } from "@/lib/auth/session";
import { linkAccount } from "@/lib/accounts/link-account";
import { ZStatementProofInput } from "@/lib/guest/schemas";

export const linkAccountAction = defineAction({
  schema: ZStatementProofInput,
  guard: () => requirePatient(),
  handler: async ({ input, auth, context }) => {
    const linked = await linkAccount({ actor: auth, proof: input, context });
    revalidatePath("/bills");
    revalidatePath("/profile");
    return linked;
  },
});
