import { z } from "zod";
import { isStrongEnough, PASSWORD_RULES } from "@/lib/auth/password-rules";
import { parseIsoDay } from "@/lib/dates";
import { normalizeUsPhone } from "@/lib/profile/phone";
import { US_STATE_CODES } from "@/lib/profile/us-states";

/** Zod schemas of the profile forms; shared by the browser and the server actions. */

export const PHONE_MESSAGE = "Enter a 10-digit US phone number, for example (215) 555-0101.";

/** A text field that may be left empty ("" when the form sends nothing). */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .optional()
    .transform((v) => v ?? "");

const ZPhone = optionalText(40, "The phone number").refine((v) => v === "" || normalizeUsPhone(v) !== null, {
  message: PHONE_MESSAGE,
});

/** An HTML checkbox: "on" when ticked, absent when not. */
const ZCheckbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

const ZName = (label: string) =>
  z
    .string({ error: `Enter your ${label}.` })
    .trim()
    .min(1, `Enter your ${label}.`)
    .max(80, `Your ${label} can be at most 80 characters.`);

export const ZContactDetailsInput = z
  .object({
    firstName: ZName("first name"),
    lastName: ZName("last name"),
    phone: ZPhone,
    address1: optionalText(120, "The street address"),
    address2: optionalText(120, "The second address line"),
    city: optionalText(80, "The city"),
    state: optionalText(2, "The state").refine((v) => v === "" || US_STATE_CODES.has(v.toUpperCase()), {
      message: "Choose a state from the list.",
    }),
    zip: optionalText(10, "The ZIP code").refine((v) => v === "" || /^\d{5}(-?\d{4})?$/.test(v), {
      message: "Enter a 5-digit ZIP code (or ZIP+4), for example 19103.",
    }),
  })
  .superRefine((v, ctx) => {
    // An address is all or nothing: a statement cannot be mailed to half of one.
    const hasAddress = [v.address1, v.address2, v.city, v.state, v.zip].some((part) => part !== "");
    if (!hasAddress) return;
    const required = [
      ["address1", "Enter the street address, or clear the whole address."],
      ["city", "Enter the city."],
      ["state", "Choose the state."],
      ["zip", "Enter the ZIP code."],
    ] as const;
    for (const [field, message] of required) {
      if (v[field] === "") ctx.addIssue({ code: "custom", path: [field], message });
    }
  })
  .transform((v) => {
    const zip = v.zip.replace(/^(\d{5})-?(\d{4})$/, "$1-$2");
    return {
      firstName: v.firstName,
      lastName: v.lastName,
      phone: v.phone ? normalizeUsPhone(v.phone) : null,
      address1: v.address1 || null,
      address2: v.address2 || null,
      city: v.city || null,
      state: v.state ? v.state.toUpperCase() : null,
      zip: zip || null,
    };
  });
export type TContactDetails = z.infer<typeof ZContactDetailsInput>;

/** The SMS consent a patient agrees to by opting in (lib/sms/consent-text.ts keeps it). */
export { SMS_CONSENT } from "@/lib/sms/consent-text";
import { validReportedZone } from "@/lib/sms/patient-zone";

export const ZPreferencesInput = z
  .object({
    paperlessStatements: ZCheckbox,
    emailReceipts: ZCheckbox,
    paymentReminders: ZCheckbox,
    smsOptIn: ZCheckbox,
    smsReminders: ZCheckbox,
    smsPhone: ZPhone,
    /** The zone the browser reported (a hidden field; lib/sms/patient-zone.ts): kept when valid, else null, never an error. */
    timeZone: z.unknown().optional().transform(validReportedZone),
  })
  .superRefine((v, ctx) => {
    if (v.smsOptIn && v.smsPhone === "") {
      ctx.addIssue({
        code: "custom",
        path: ["smsPhone"],
        message: "Enter the mobile number to text, or turn text messages off.",
      });
    }
  })
  .transform((v) => ({ ...v, smsPhone: v.smsPhone ? normalizeUsPhone(v.smsPhone) : null }));
export type TPreferences = z.infer<typeof ZPreferencesInput>;

const ZCurrentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(200, "Enter your current password.");

export const ZChangeEmailInput = z.object({
  newEmail: z
    .string({ error: "Enter the new email address." })
    .trim()
    .min(1, "Enter the new email address.")
    .max(254, "An email address can be at most 254 characters.")
    .email("Enter a valid email address, for example name@example.com."),
  currentPassword: ZCurrentPassword,
});

export const ZConfirmEmailChangeInput = z.object({
  token: z.string({ error: "This link is incomplete." }).min(10, "This link is incomplete."),
});

export const ZChangePasswordInput = z
  .object({
    currentPassword: ZCurrentPassword,
    newPassword: z.string({ error: PASSWORD_RULES }).refine(isStrongEnough, PASSWORD_RULES),
    confirmPassword: z.string({ error: "Type the new password again." }),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The new passwords do not match." });
    }
    if (v.currentPassword && v.newPassword === v.currentPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: "Choose a new password that is different from your current one.",
      });
    }
  });

/**
 * Linking an account: a statement number plus the patient's date of birth. (The guest lookup
 * also takes a ZIP code; a ZIP is printed on the envelope and shared by thousands, too weak a
 * proof for lasting access to a whole account and its history.)
 */
export const ZLinkAccountInput = z
  .object({
    statementNumber: z
      .string({ error: "Enter the statement number from your bill." })
      .trim()
      .min(2, "Enter the statement number from your bill.")
      .max(80, "Enter the statement number from your bill."),
    dob: z
      .string({ error: "Enter the patient's date of birth." })
      .refine((v) => parseIsoDay(v) !== null, "Enter the patient's date of birth."),
  })
  .transform((v) => ({ statementNumber: v.statementNumber, dob: parseIsoDay(v.dob)! }));
export type TLinkAccountInput = z.infer<typeof ZLinkAccountInput>;

export const ZUnlinkAccountInput = z.object({
  linkId: z.string().min(1).max(100),
});

export const ZNoInput = z.object({});

/**
 * Staff record a patient's consent to texts given by phone (the staff account page): the number
 * they gave and the box saying they agreed, on the phone, to the consent text read to them.
 */
export const ZRecordPhoneConsentInput = z
  .object({
    accountId: z.string().trim().min(1).max(64),
    phone: ZPhone.refine((v) => v !== "", { message: "Enter the mobile number the patient gave." }),
    isAgreed: ZCheckbox.refine((v) => v, {
      message: "Tick the box once the patient has agreed to the text read to them.",
    }),
  })
  .transform((v) => ({ accountId: v.accountId, phone: normalizeUsPhone(v.phone)! }));
export type TRecordPhoneConsentInput = z.infer<typeof ZRecordPhoneConsentInput>;
