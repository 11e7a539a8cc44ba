import { describe, expect, it } from "vitest";
import { OFFERED_SCOPES, maskEmail, scopeAllows, sharedAccountLabel } from "@/lib/access/scope";

describe("what an authorized payer's scope allows", () => {
  it("lets VIEW see, PAY see and pay, MANAGE also manage, and nobody but the guarantor share", () => {
    const table = OFFERED_SCOPES.map((scope) => [
      scope,
      scopeAllows(scope, "view"),
      scopeAllows(scope, "pay"),
      scopeAllows(scope, "manage"),
      scopeAllows(scope, "share"),
    ]);
    expect(table).toEqual([
      ["VIEW", true, false, false, false],
      ["PAY", true, true, false, false],
      ["MANAGE", true, true, true, false],
    ]);
  });

  it("labels a shared account with whose it is and what the viewer may do", () => {
    expect(sharedAccountLabel({ guarantorName: "Jane Doe", scope: "PAY" })).toBe(
      "Jane Doe's account — you can view and pay",
    );
    expect(sharedAccountLabel({ guarantorName: "Jane Doe", scope: "VIEW" })).toBe(
      "Jane Doe's account — you can view",
    );
    expect(sharedAccountLabel({ guarantorName: "Jane Doe", scope: "MANAGE" })).toBe(
      "Jane Doe's account — you can view, pay and manage",
    );
  });

  it("masks an invited address down to its first letter and its domain", () => {
    expect(maskEmail("jamie@example.com")).toBe("j•••@example.com");
    expect(maskEmail("not-an-address")).toBe("•••");
  });
});
