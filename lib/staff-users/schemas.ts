import { z } from "zod";
import { PASSWORD_RULES, isStrongEnough } from "@/lib/auth/password-rules";
import { STAFF_ROLES } from "@/lib/auth/permissions";

/** The staff users page's forms and the invitation page. Safe to import on the client. */

const ZUserId = z.string().min(1).max(40);
const ZStaffRole = z.enum(STAFF_ROLES, { message: "Choose a role." });

export const ZInviteStaffInput = z.object({
  email: z.string().trim().min(1, "Enter an email address.").max(254).email("Enter a valid email address."),
  firstName: z.string().trim().min(1, "Enter a first name.").max(80),
  lastName: z.string().trim().min(1, "Enter a last name.").max(80),
  role: ZStaffRole,
});
export type TInviteStaffInput = z.output<typeof ZInviteStaffInput>;

export const ZChangeRoleInput = z.object({ userId: ZUserId, role: ZStaffRole });
export const ZStaffUserInput = z.object({ userId: ZUserId });

export const ZAcceptInvitationInput = z
  .object({
    token: z.string().min(10, "This invitation link is incomplete."),
    password: z.string().refine(isStrongEnough, PASSWORD_RULES),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

/** A staff CSV as the upload form sends it: the file's name and its text (staff lists are small). */
export const ZImportStaffInput = z.object({
  fileName: z.string().trim().max(255).default(""),
  csv: z.string().min(1, "Choose a CSV file.").max(900_000, "That file is too large: split it under 900 KB."),
});
