import { describe, expect, it } from "vitest";
import { isApiProblem } from "./problem";
import { decodeCursor, encodeCursor } from "./cursor";

describe("list cursors", () => {
  it("give back the position they were made from", () => {
    const at = new Date("2026-12-06T14:03:12.345Z");
    expect(decodeCursor(encodeCursor({ at, id: "cmi9x2k7r0001" }))).toEqual({ at, id: "cmi9x2k7r0001" });
    expect(encodeCursor({ at, id: "x" })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("refuse what no answer gave, as an invalid-request problem naming the cursor", () => {
    for (const bad of [
      "abc",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('["not a date","x"]').toString("base64url"),
      Buffer.from(`["2026-12-06T00:00:00Z","${"x".repeat(65)}"]`).toString("base64url"),
    ]) {
      let thrown: unknown;
      try {
        decodeCursor(bad);
      } catch (error) {
        thrown = error;
      }
      expect(isApiProblem(thrown)).toBe(true);
      expect(thrown).toMatchObject({ type: "invalid-request", errors: [{ field: "cursor" }] });
    }
  });
});
