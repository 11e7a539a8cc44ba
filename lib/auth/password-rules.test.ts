import { describe, expect, it } from "vitest";
import { PASSWORD_RULES, isStrongEnough } from "@/lib/auth/password-rules";

describe("isStrongEnough", () => {
  it.each(["Demo-Patient-1", "abcdefghi1", "1234567890a", "correct horse battery staple 9"])(
    "accepts %j",
    (password) => {
      expect(isStrongEnough(password)).toBe(true);
    },
  );

  it.each([
    ["too short", "abcdefgh1"],
    ["no number", "abcdefghij"],
    ["no letter", "1234567890"],
    ["no letter, only symbols and digits", "!@#$%^&*()1"],
    ["empty", ""],
    ["longer than 200 characters", `a1${"x".repeat(199)}`],
  ])("rejects a password that is %s", (_why, password) => {
    expect(isStrongEnough(password)).toBe(false);
  });

  it("accepts exactly 200 characters", () => {
    expect(isStrongEnough(`a1${"x".repeat(198)}`)).toBe(true);
  });

  it("describes the rules it enforces", () => {
    expect(PASSWORD_RULES).toMatch(/10 characters/);
    expect(PASSWORD_RULES).toMatch(/letter/);
    expect(PASSWORD_RULES).toMatch(/number/);
  });
});
