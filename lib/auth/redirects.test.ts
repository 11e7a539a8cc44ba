import { describe, expect, it } from "vitest";
import { homeFor, safeCallbackUrl, secondFactorPath } from "@/lib/auth/redirects";

describe("safeCallbackUrl", () => {
  it.each(["/bills", "/bills/abc?tab=lines", "/staff/accounts/1#history", "/"])(
    "keeps the same-site path %j",
    (url) => {
      expect(safeCallbackUrl(url)).toBe(url);
    },
  );

  it.each([
    "//evil.com",
    "//evil.com/bills",
    "https://evil.com",
    "http://evil.com/bills",
    "/\\evil.com",
    "javascript:alert(1)",
    "evil.com",
    "bills",
    "",
    // What browsers read as another host: they drop tabs and newlines and take "\" for "/".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\t\t/evil.example/bills",
    "/\\/evil.example",
    "\\/evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
  ])("replaces %j with the fallback", (url) => {
    expect(safeCallbackUrl(url)).toBe("/");
    expect(safeCallbackUrl(url, "/bills")).toBe("/bills");
  });

  it("hands back the path as the browser resolves it, never the raw text", () => {
    expect(safeCallbackUrl("/bills/../payments")).toBe("/payments");
    expect(safeCallbackUrl("/bills\\abc")).toBe("/bills/abc");
  });

  it("uses the fallback when there is no callback", () => {
    expect(safeCallbackUrl(undefined, "/staff")).toBe("/staff");
  });
});

describe("homeFor", () => {
  it("sends patients to their bills and staff to the console", () => {
    expect(homeFor("PATIENT")).toBe("/bills");
    expect(homeFor("BILLING_CLERK")).toBe("/staff");
    expect(homeFor("ADMIN")).toBe("/staff");
  });
});

describe("secondFactorPath", () => {
  it("sends to the code page or enrolment, and back to the page asked for", () => {
    expect(secondFactorPath("code", "/")).toBe("/mfa");
    expect(secondFactorPath("enrol", "/")).toBe("/mfa/enrol");
    expect(secondFactorPath("code", "/staff/payments/p1?x=1")).toBe(
      "/mfa?callbackUrl=%2Fstaff%2Fpayments%2Fp1%3Fx%3D1",
    );
  });
});
