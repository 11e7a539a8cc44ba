import { describe, expect, it } from "vitest";
import { US_STATES, usStateOptions } from "@/lib/profile/us-states";

describe("the address form's states in the reader's language", () => {
  it("English: the USPS list as it is", () => {
    expect(usStateOptions("en")).toBe(US_STATES);
  });

  it("Spanish: the names a Spanish reader knows, the same codes submitted", () => {
    const spanish = usStateOptions("es");
    const name = new Map(spanish);
    expect(name.get("NY")).toBe("Nueva York");
    expect(name.get("NC")).toBe("Carolina del Norte");
    expect(name.get("PA")).toBe("Pensilvania");
    expect(name.get("TX")).toBe("Texas");
    expect(spanish.map(([code]) => code).sort()).toEqual(US_STATES.map(([code]) => code).sort());
  });

  it("Spanish: in Spanish alphabetical order within the states, then territories, then military", () => {
    const codes = usStateOptions("es").map(([code]) => code);
    // Carolina del Norte comes among the C, Nueva York among the N.
    expect(codes.indexOf("NC")).toBeLessThan(codes.indexOf("CO"));
    expect(codes.indexOf("NY")).toBeGreaterThan(codes.indexOf("NV"));
    expect(codes.indexOf("NY")).toBeLessThan(codes.indexOf("OH"));
    expect(codes.slice(51, 56).sort()).toEqual(["AS", "GU", "MP", "PR", "VI"]);
    expect(codes.slice(56)).toEqual(["AA", "AE", "AP"]);
  });
});
