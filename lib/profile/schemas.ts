import { z } from "zod";
import { isStrongEnough, PASSWORD_RULES } from "@/lib/auth/password-rules";
import { parseIsoDay } from "@/lib/dates";
import { normalizeUsPhone } from "@/lib/profile/phone";
import { US_STATE_CODES } from "@/lib/profile/us-states";
import { LOCALES } from "@/lib/locale";
import { PROFILE_ERRORS as E } from "@/lib/profile/messages";

/** Zod schemas of the profile forms; shared by the browser and the server actions. */

export const PHONE_MESSAGE = E.phone;

/** A text field that may be left empty ("" when the form sends nothing). */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => v ?? "");

const ZPhone = optionalText(40, E.phoneTooLong).refine((v) => v === "" || normalizeUsPhone(v) !== null, {
  message: PHONE_MESSAGE,
});

/** An HTML checkbox: "on" when ticked, absent when not. */
const ZCheckbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

const ZName = (required: string, tooLong: string) =>
  z.string({ error: required }).trim().min(1, required).max(80, tooLong);

export const ZContactDetailsInput = z
  .object({
    firstName: ZName(E.firstNameRequired, E.firstNameTooLong),
    lastName: ZName(E.lastNameRequired, E.lastNameTooLong),
    phone: ZPhone,
    address1: optionalText(120, E.address1TooLong),
    address2: optionalText(120, E.address2TooLong),
    city: optionalText(80, E.cityTooLong),
    state: optionalText(2, E.stateTooLong).refine((v) => v === "" || US_STATE_CODES.has(v.toUpperCase()), {
      message: E.stateFromList,
    }),
    zip: optionalText(10, E.zipTooLong).refine((v) => v === "" || /^\d{5}(-?\d{4})?$/.test(v), {
      message: E.zip,
    }),
  })
  .superRefine((v, ctx) => {
    // An address is all or nothing: a statement cannot be mailed to half of one.
    const hasAddress = [v.address1, v.address2, v.city, v.state, v.zip].some((part) => part !== "");
    if (!hasAddress) return;
    const required = [
      ["address1", E.address1Required],
      ["city", E.cityRequired],
      ["state", E.stateRequired],
      ["zip", E.zipRequired],
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
    /** The language the consent text beside the texting box was shown in (recorded with an opt-in). */
    consentLocale: z.enum(LOCALES).catch("en"),
  })
  .superRefine((v, ctx) => {
    if (v.smsOptIn && v.smsPhone === "") {
      ctx.addIssue({
        code: "custom",
        path: ["smsPhone"],
        message: E.smsPhoneRequired,
      });
    }
  })
  .transform((v) => ({ ...v, smsPhone: v.smsPhone ? normalizeUsPhone(v.smsPhone) : null }));
export type TPreferences = z.infer<typeof ZPreferencesInput>;

const ZCurrentPassword = z
  .string({ error: E.currentPasswordRequired })
  .min(1, E.currentPasswordRequired)
  .max(200, E.currentPasswordRequired);

export const ZChangeEmailInput = z.object({
  newEmail: z
    .string({ error: E.newEmailRequired })
    .trim()
    .min(1, E.newEmailRequired)
    .max(254, E.emailTooLong)
    .email(E.emailInvalid),
  currentPassword: ZCurrentPassword,
});

export const ZConfirmEmailChangeInput = z.object({
  token: z.string({ error: "This link is incomplete." }).min(10, "This link is incomplete."),
});

export const ZChangePasswordInput = z
  .object({
    currentPassword: ZCurrentPassword,
    newPassword: z.string({ error: PASSWORD_RULES }).refine(isStrongEnough, PASSWORD_RULES),
    confirmPassword: z.string({ error: E.confirmPasswordRequired }),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: E.passwordsDiffer });
    }
    if (v.currentPassword && v.newPassword === v.currentPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: E.passwordUnchanged,
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
      .string({ error: E.statementNumberRequired })
      .trim()
      .min(2, E.statementNumberRequired)
      .max(80, E.statementNumberRequired),
    dob: z.string({ error: E.dobRequired }).refine((v) => parseIsoDay(v) !== null, E.dobRequired),
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
