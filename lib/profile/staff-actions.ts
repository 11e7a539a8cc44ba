"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { recordPhoneConsent } from "@/lib/profile/record-phone-consent";
import { ZRecordPhoneConsentInput } from "@/lib/profile/schemas";

/** Staff (`sms.consent`) record a patient's consent to texts given by phone; audited as theirs. */
export const recordPhoneConsentAction = defineAction({
  schema: ZRecordPhoneConsentInput,
  guard: () => requireStaff("sms.consent"),
  handler: async ({ input, auth, context }) => {
    const result = await recordPhoneConsent({ actor: auth, input, context });
    revalidatePath(`/staff/accounts/${input.accountId}`);
    return result;
  },
});
