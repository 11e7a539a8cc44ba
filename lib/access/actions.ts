"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { acceptInvitation } from "@/lib/access/accept-invitation";
import { leaveAccount, revokeAccess } from "@/lib/access/end-access";
import { invitePayer } from "@/lib/access/invite-payer";
import { ZAcceptInvitationInput, ZAccessIdInput, ZInvitePayerInput } from "@/lib/access/schemas";
import { requirePatient } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";

const patient = () => requirePatient();

/** Every patient page that lists accounts, statements or payments may change with an account's access. */
const revalidatePatientPages = () => revalidatePath("/", "layout");

/** A guarantor invites someone by email to one of their accounts (lib/access/invite-payer.ts). */
export const invitePayerAction = defineAction({
  schema: ZInvitePayerInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    const result = await invitePayer({ actor: auth, input, context });
    revalidatePath("/profile/sharing");
    return result;
  },
});

/** The guarantor withdraws an invitation or revokes someone's access; back to the list, which says so. */
export const revokeAccessAction = defineAction({
  schema: ZAccessIdInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    await revokeAccess({ actor: auth, accessId: input.accessId, context });
    revalidatePatientPages();
    redirect("/profile/sharing?ended=revoked");
  },
});

/** The authorized payer leaves an account shared with them; back to the list, which says so. */
export const leaveAccountAction = defineAction({
  schema: ZAccessIdInput,
  guard: patient,
  handler: async ({ input, auth, context }) => {
    await leaveAccount({ actor: auth, accessId: input.accessId, context });
    revalidatePatientPages();
    redirect("/profile/sharing?ended=left");
  },
});

/**
 * The invitee, signed in, accepts the invitation of the emailed link (the token spent by this
 * button). Nothing is revalidated: the patient pages are rendered on each request anyway, and
 * re-rendering the invitation page would replace the form's answer with "this link was used".
 */
export const acceptInvitationAction = defineAction({
  schema: ZAcceptInvitationInput,
  guard: patient,
  handler: async ({ input, auth, context }) => acceptInvitation({ actor: auth, token: input.token, context }),
});
