"use server";

import { revalidatePath } from "next/cache";
import { requireStaffWithStepUp } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import {
  acceptStaffInvitation,
  changeStaffRole,
  forceStaffPasswordReset,
  importStaffUsers,
  inviteStaffUser,
  setStaffUserDisabled,
} from "@/lib/staff-users/manage-users";
import {
  ZAcceptInvitationInput,
  ZChangeRoleInput,
  ZImportStaffInput,
  ZInviteStaffInput,
  ZStaffUserInput,
} from "@/lib/staff-users/schemas";

/** A user change asks for a fresh second factor (docs/security.md, "Step-up"). */
const guard = () => requireStaffWithStepUp("users.manage");
const revalidate = () => revalidatePath("/staff/users");

export const inviteStaffUserAction = defineAction({
  schema: ZInviteStaffInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await inviteStaffUser({ actor: auth, input, context });
    revalidate();
    return result;
  },
});

export const changeStaffRoleAction = defineAction({
  schema: ZChangeRoleInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await changeStaffRole({ actor: auth, userId: input.userId, role: input.role, context });
    revalidate();
    return result;
  },
});

export const disableStaffUserAction = defineAction({
  schema: ZStaffUserInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await setStaffUserDisabled({
      actor: auth,
      userId: input.userId,
      isDisabled: true,
      context,
    });
    revalidate();
    return result;
  },
});

export const enableStaffUserAction = defineAction({
  schema: ZStaffUserInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await setStaffUserDisabled({
      actor: auth,
      userId: input.userId,
      isDisabled: false,
      context,
    });
    revalidate();
    return result;
  },
});

export const forceStaffPasswordResetAction = defineAction({
  schema: ZStaffUserInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await forceStaffPasswordReset({ actor: auth, userId: input.userId, context });
    revalidate();
    return result;
  },
});

/** An administrator imports InstaMed's staff user CSV. */
export const importStaffUsersAction = defineAction({
  schema: ZImportStaffInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const report = await importStaffUsers({
      actor: auth,
      text: input.csv,
      fileName: input.fileName,
      context,
    });
    revalidate();
    return report;
  },
});

/** The invitee, signed out, sets their password from the emailed link. */
export const acceptStaffInvitationAction = defineAction({
  schema: ZAcceptInvitationInput,
  guard: async () => null,
  handler: ({ input, context }) =>
    acceptStaffInvitation({ token: input.token, password: input.password, context }),
});
