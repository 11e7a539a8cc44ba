"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { ZBrandColorInput } from "@/lib/branding/schemas";
import { updateBrandColor } from "@/lib/branding/update-brand-color";
import { defineAction } from "@/lib/define-action";

/** Staff with `settings.manage` set the colour of the practice's emails. */
export const updateBrandColorAction = defineAction({
  schema: ZBrandColorInput,
  guard: () => requireStaff("settings.manage"),
  handler: async ({ input, auth, context }) => {
    const result = await updateBrandColor({ actor: auth, brandColor: input.brandColor, context });
    revalidatePath("/staff/email-appearance");
    return result;
  },
});
