import { z } from "zod";

export const ZAccessScope = z.enum(["VIEW", "PAY", "MANAGE"], { error: "Choose what they may do." });

export const ZInvitePayerInput = z.object({
  accountId: z.string().trim().min(1, "Choose an account.").max(64),
  email: z
    .string()
    .trim()
    .min(1, "Enter their email address.")
    .max(254)
    .email("Enter a valid email address."),
  scope: ZAccessScope,
});
export type TInvitePayerInput = z.infer<typeof ZInvitePayerInput>;

/** One access (an invitation or an accepted one), by id. */
export const ZAccessIdInput = z.object({ accessId: z.string().trim().min(1).max(64) });

export const ZAcceptInvitationInput = z.object({
  token: z.string().trim().min(10, "This invitation link is incomplete.").max(200),
});
