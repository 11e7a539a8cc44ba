"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/define-action";
import { requirePatient } from "@/lib/auth/session";
import { carrySessionOver } from "@/lib/auth/session-cookie";
import { cancelEmailChange, confirmEmailChange, requestEmailChange } from "@/lib/profile/change-email";
import { changePassword } from "@/lib/profile/change-password";
import { linkAccount } from "@/lib/profile/link-account";
import {
  ZChangeEmailInput,
  ZChangePasswordInput,
  ZConfirmEmailChangeInput,
  ZContactDetailsInput,
  ZLinkAccountInput,
  ZNoInput,
  ZPreferencesInput,
  ZUnlinkAccountInput,
} from "@/lib/profile/schemas";
import { unlinkAccount } from "@/lib/profile/unlink-account";
import { updateContactDetails } from "@/lib/profile/update-contact-details";
import { updatePreferences } from "@/lib/profile/update-preferences";

const patient = () => requirePatient();
const anyone = async () => null;

export const updateContactDetailsAction = defineAction({
  schema: ZContactDetailsInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    const result = await updateContactDetails({ actor: auth, details: input, context });
    // The name is in the header of every patient page.
    revalidatePath("/", "layout");
    return result;
  },
});

export const requestEmailChangeAction = defineAction({
  schema: ZChangeEmailInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    const result = await requestEmailChange({ actor: auth, ...input, context });
    revalidatePath("/profile/email");
    return result;
  },
});

export const cancelEmailChangeAction = defineAction({
  schema: ZNoInput,
  guard: patient,
  handler: async ({ auth, context }) => {
    await cancelEmailChange({ actor: auth, context });
    revalidatePath("/profile/email");
  },
});

/** From the emailed link's page; the token is the proof, so no session is needed. */
export const confirmEmailChangeAction = defineAction({
  schema: ZConfirmEmailChangeInput,
  guard: anyone,
  handler: async ({ input, context }) => {
    const result = await confirmEmailChange({ token: input.token, context });
    revalidatePath("/", "layout");
    return result;
  },
});

/**
 * Changes the password, which signs out every session of the user, then carries this one over
 * to the new session version (a re-issued JWT cookie), so the person who made the change stays
 * signed in here.
 */
export const changePasswordAction = defineAction({
  schema: ZChangePasswordInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    const { sessionVersion } = await changePassword({
      actor: auth,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      context,
    });
    const isThisSessionKept = await carrySessionOver({ userId: auth.userId, sessionVersion });
    return { isThisSessionKept };
  },
});

export const updatePreferencesAction = defineAction({
  schema: ZPreferencesInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    const result = await updatePreferences({ actor: auth, preferences: input, context });
    revalidatePath("/profile/preferences");
    return result;
  },
});

export const linkAccountAction = defineAction({
  schema: ZLinkAccountInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    const linked = await linkAccount({ actor: auth, proof: input, context });
    revalidatePath("/", "layout");
    return linked;
  },
});

export const unlinkAccountAction = defineAction({
  schema: ZUnlinkAccountInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    await unlinkAccount({ actor: auth, linkId: input.linkId, context });
    revalidatePath("/", "layout");
    redirect("/profile/accounts?unlinked=1");
  },
});
