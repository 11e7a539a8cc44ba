import { z } from "zod";
import { ACCESS_ERRORS as E, INVITATION_MESSAGES } from "@/lib/access/messages";

export const ZAccessScope = z.enum(["VIEW", "PAY", "MANAGE"], { error: E.scopeRequired });

export const ZInvitePayerInput = z.object({
  accountId: z.string().trim().min(1, E.accountRequired).max(64),
  email: z.string().trim().min(1, E.emailRequired).max(254).email(E.emailInvalid),
  scope: ZAccessScope,
});
export type TInvitePayerInput = z.infer<typeof ZInvitePayerInput>;

/** One access (an invitation or an accepted one), by id. */
export const ZAccessIdInput = z.object({ accessId: z.string().trim().min(1).max(64) });

export const ZAcceptInvitationInput = z.object({
  token: z.string().trim().min(10, INVITATION_MESSAGES.invitationLinkIncomplete).max(200),
});
