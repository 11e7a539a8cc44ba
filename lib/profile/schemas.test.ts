import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  PHONE_MESSAGE,
  ZChangeEmailInput,
  ZChangePasswordInput,
  ZContactDetailsInput,
  ZLinkAccountInput,
  ZPreferencesInput,
} from "@/lib/profile/schemas";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";

/** The messages a form shows under each field (what defineAction returns as fieldErrors). */
const errorsOf = (result: { success: boolean; error?: z.ZodError }) =>
  result.error ? (z.flattenError(result.error).fieldErrors as Record<string, string[]>) : {};

const contact = {
  firstName: " Pat ",
  lastName: " Rivera ",
  phone: "(215) 555-0101",
  address1: " 42 Spruce Street ",
  address2: "",
  city: "Philadelphia",
  state: "pa",
  zip: "191031234",
};

describe("ZContactDetailsInput", () => {
  it("trims, stores the phone as 10 digits, the state as its code and a ZIP+4 with its dash", () => {
    expect(ZContactDetailsInput.parse(contact)).toEqual({
      firstName: "Pat",
      lastName: "Rivera",
      phone: "2155550101",
      address1: "42 Spruce Street",
      address2: null,
      city: "Philadelphia",
      state: "PA",
      zip: "19103-1234",
    });
  });

  it("lets the phone and the whole address be cleared", () => {
    expect(
      ZContactDetailsInput.parse({ firstName: "Pat", lastName: "Rivera", phone: "", address1: "", city: "" }),
    ).toEqual({
      firstName: "Pat",
      lastName: "Rivera",
      phone: null,
      address1: null,
      address2: null,
      city: null,
      state: null,
      zip: null,
    });
  });

  it("names every wrong field at once", () => {
    expect(
      errorsOf(
        ZContactDetailsInput.safeParse({
          ...contact,
          firstName: " ",
          phone: "555-0101",
          zip: "1910",
          state: "",
        }),
      ),
    ).toEqual({
      firstName: ["Enter your first name."],
      phone: [PHONE_MESSAGE],
      zip: ["Enter a 5-digit ZIP code (or ZIP+4), for example 19103."],
      state: ["Choose the state."],
    });
  });

  it("asks for the rest of an address that was only partly given", () => {
    expect(
      errorsOf(
        ZContactDetailsInput.safeParse({ firstName: "Pat", lastName: "Rivera", city: "Philadelphia" }),
      ),
    ).toEqual({
      address1: ["Enter the street address, or clear the whole address."],
      state: ["Choose the state."],
      zip: ["Enter the ZIP code."],
    });
  });

  it("refuses a state that is not a US state or territory", () => {
    expect(errorsOf(ZContactDetailsInput.safeParse({ ...contact, state: "XX" }))).toEqual({
      state: ["Choose a state from the list."],
    });
  });
});

describe("ZPreferencesInput", () => {
  it("reads ticked boxes as true and absent ones as false", () => {
    expect(ZPreferencesInput.parse({ paperlessStatements: "on", emailReceipts: "on" })).toEqual({
      paperlessStatements: true,
      emailReceipts: true,
      paymentReminders: false,
      smsOptIn: false,
      smsReminders: false,
      smsPhone: null,
      // No zone reported (no script ran, or a privacy mode): none kept (lib/sms/patient-zone.ts).
      timeZone: null,
      // The language the consent beside the box was shown in: English unless the form says so.
      consentLocale: "en",
    });
  });

  it("needs a valid mobile number to opt in to texts", () => {
    expect(errorsOf(ZPreferencesInput.safeParse({ smsOptIn: "on", smsPhone: "" }))).toEqual({
      smsPhone: ["Enter the mobile number to text, or turn text messages off."],
    });
    expect(errorsOf(ZPreferencesInput.safeParse({ smsOptIn: "on", smsPhone: "12345" }))).toEqual({
      smsPhone: [PHONE_MESSAGE],
    });
    expect(ZPreferencesInput.parse({ smsOptIn: "on", smsPhone: "267-555-0188" })).toMatchObject({
      smsOptIn: true,
      smsPhone: "2675550188",
    });
  });
});

describe("ZChangePasswordInput", () => {
  const input = {
    currentPassword: "Old-Password-1",
    newPassword: "New-Password-2",
    confirmPassword: "New-Password-2",
  };

  it("accepts a new password that follows the sign-up rules", () => {
    expect(ZChangePasswordInput.safeParse(input).success).toBe(true);
  });

  it("asks for the current password and states the rules for a weak new one", () => {
    expect(
      errorsOf(
        ZChangePasswordInput.safeParse({
          currentPassword: "",
          newPassword: "short",
          confirmPassword: "short",
        }),
      ),
    ).toEqual({ currentPassword: ["Enter your current password."], newPassword: [PASSWORD_RULES] });
  });

  it("says when the confirmation differs, or the new password is the current one", () => {
    expect(errorsOf(ZChangePasswordInput.safeParse({ ...input, confirmPassword: "New-Password-3" }))).toEqual(
      {
        confirmPassword: ["The new passwords do not match."],
      },
    );
    expect(
      errorsOf(
        ZChangePasswordInput.safeParse({
          currentPassword: "Old-Password-1",
          newPassword: "Old-Password-1",
          confirmPassword: "Old-Password-1",
        }),
      ),
    ).toEqual({ newPassword: ["Choose a new password that is different from your current one."] });
  });
});

describe("ZChangeEmailInput", () => {
  it("needs a valid address and the current password", () => {
    expect(
      errorsOf(ZChangeEmailInput.safeParse({ newEmail: "not-an-address", currentPassword: "" })),
    ).toEqual({
      newEmail: ["Enter a valid email address, for example name@example.com."],
      currentPassword: ["Enter your current password."],
    });
  });
});

describe("ZLinkAccountInput", () => {
  it("takes a statement number and a real date of birth", () => {
    expect(ZLinkAccountInput.parse({ statementNumber: " ST-2001 ", dob: "1975-06-15" })).toEqual({
      statementNumber: "ST-2001",
      dob: new Date("1975-06-15T00:00:00Z"),
    });
    expect(errorsOf(ZLinkAccountInput.safeParse({ statementNumber: "", dob: "1975-02-30" }))).toEqual({
      statementNumber: ["Enter the statement number from your bill."],
      dob: ["Enter the patient's date of birth."],
    });
  });
});
