import { describe, expect, it } from "vitest";
import { checkMetricsAccess } from "@/lib/metrics/token";

const token = "mt_" + "a".repeat(40);

describe("checkMetricsAccess", () => {
  it("has no endpoint when no token is configured, whatever the request sends", () => {
    expect(checkMetricsAccess({ token: null, authorization: null })).toBe("disabled");
    expect(checkMetricsAccess({ token: null, authorization: "Bearer anything" })).toBe("disabled");
  });

  it("lets in the bearer of the token (the scheme in any case, spaces around it allowed)", () => {
    expect(checkMetricsAccess({ token, authorization: `Bearer ${token}` })).toBe("ok");
    expect(checkMetricsAccess({ token, authorization: `bearer  ${token} ` })).toBe("ok");
  });

  it("refuses a missing, empty, wrong, longer, shorter or non-bearer token", () => {
    for (const authorization of [
      null,
      "",
      "Bearer",
      "Bearer ",
      `Bearer ${token.slice(0, -1)}x`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${Buffer.from(`prometheus:${token}`).toString("base64")}`,
      token,
      `Bearer ${token} extra`,
    ]) {
      expect(checkMetricsAccess({ token, authorization }), String(authorization)).toBe("unauthorized");
    }
  });
});
