"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { ZTextLinkIdInput } from "@/lib/text-to-pay/schemas";
import { revokeTextLinkByStaff } from "@/lib/text-to-pay/staff-links";

/** Staff (`sms.links`) revoke a text-to-pay link of an account of their practice; audited as theirs. */
export const revokeTextLinkAction = defineAction({
  schema: ZTextLinkIdInput,
  guard: () => requireStaff("sms.links"),
  handler: async ({ input, auth, context }) => {
    const { accountId } = await revokeTextLinkByStaff({ actor: auth, linkId: input.linkId, context });
    revalidatePath("/staff/accounts", "layout");
    redirect(`/staff/accounts/${accountId}?linkRevoked=1`);
  },
});
