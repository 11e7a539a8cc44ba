"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { removeAccessByStaff } from "@/lib/access/end-access";
import { ZAccessIdInput } from "@/lib/access/schemas";
import { requireStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";

/** Staff (`accounts.access`) remove a family member's or authorized payer's access; audited as theirs. */
export const removeAccountAccessAction = defineAction({
  schema: ZAccessIdInput,
  guard: () => requireStaff("accounts.access"),
  handler: async ({ input, auth, context }) => {
    const { accountId } = await removeAccessByStaff({ actor: auth, accessId: input.accessId, context });
    revalidatePath("/staff/accounts", "layout");
    redirect(`/staff/accounts/${accountId}?accessRemoved=1`);
  },
});
