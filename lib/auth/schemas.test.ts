import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ZForgotPasswordInput,
  ZResetPasswordInput,
  ZSignUpInput,
  ZVerifyEmailInput,
} from "@/lib/auth/schemas";

const signUp = {
  firstName: " Pat ",
  lastName: " Rivera ",
  email: " new.patient@example.com ",
  password: "Good-Password-1",
  confirmPassword: "Good-Password-1",
};

/** The messages a form shows under each field (what defineAction returns as fieldErrors). */
const errorsOf = (result: { success: boolean; error?: z.ZodError }) =>
  result.error ? (z.flattenError(result.error).fieldErrors as Record<string, string[]>) : {};

describe("ZSignUpInput", () => {
  it("accepts a complete form and trims names and email", () => {
    expect(ZSignUpInput.parse(signUp)).toMatchObject({
      firstName: "Pat",
      lastName: "Rivera",
      email: "new.patient@example.com",
    });
  });

  it("says when the passwords do not match, on the confirmation field", () => {
    expect(errorsOf(ZSignUpInput.safeParse({ ...signUp, confirmPassword: "Good-Password-2" }))).toEqual({
      confirmPassword: ["The passwords do not match."],
    });
  });

  it("states the password rules for a weak password", () => {
    const errors = errorsOf(
      ZSignUpInput.safeParse({ ...signUp, password: "short", confirmPassword: "short" }),
    );
    expect(errors.password).toEqual(["At least 10 characters, with a letter and a number."]);
  });

  it("asks for a valid email and both names", () => {
    expect(errorsOf(ZSignUpInput.safeParse({ ...signUp, email: "pat@" })).email).toEqual([
      "Enter a valid email address.",
    ]);
    expect(errorsOf(ZSignUpInput.safeParse({ ...signUp, email: "  " })).email?.[0]).toBe(
      "Enter your email address.",
    );
    const errors = errorsOf(ZSignUpInput.safeParse({ ...signUp, firstName: " ", lastName: "" }));
    expect(errors.firstName).toEqual(["Enter your first name."]);
    expect(errors.lastName).toEqual(["Enter your last name."]);
  });
});

describe("ZForgotPasswordInput", () => {
  it("needs a valid email", () => {
    expect(ZForgotPasswordInput.parse({ email: " pat@example.com" })).toEqual({ email: "pat@example.com" });
    expect(ZForgotPasswordInput.safeParse({ email: "not-an-email" }).success).toBe(false);
  });
});

describe("ZResetPasswordInput", () => {
  const reset = { token: "a".repeat(43), password: "New-Password-1", confirmPassword: "New-Password-1" };

  it("accepts a token and a matching strong password", () => {
    expect(ZResetPasswordInput.safeParse(reset).success).toBe(true);
  });

  it("calls a truncated link incomplete", () => {
    expect(errorsOf(ZResetPasswordInput.safeParse({ ...reset, token: "abc" })).token).toEqual([
      "This reset link is incomplete.",
    ]);
  });

  it("needs matching, strong passwords", () => {
    expect(
      errorsOf(ZResetPasswordInput.safeParse({ ...reset, confirmPassword: "Other-Password-1" })),
    ).toEqual({
      confirmPassword: ["The passwords do not match."],
    });
    expect(
      errorsOf(ZResetPasswordInput.safeParse({ ...reset, password: "password", confirmPassword: "password" }))
        .password,
    ).toEqual(["At least 10 characters, with a letter and a number."]);
  });
});

describe("ZVerifyEmailInput", () => {
  it("needs a whole token", () => {
    expect(ZVerifyEmailInput.safeParse({ token: "x".repeat(43) }).success).toBe(true);
    expect(errorsOf(ZVerifyEmailInput.safeParse({ token: "short" })).token).toEqual([
      "This link is incomplete.",
    ]);
  });
});
