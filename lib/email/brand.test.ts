import { describe, expect, it } from "vitest";
import {
  DEFAULT_BRAND_COLOR,
  checkBrandColor,
  contrastWithWhite,
  normalizeHexColor,
  usableBrandColor,
} from "@/lib/email/brand";

describe("the practice's email colour", () => {
  it("reads hex codes, long or short, in any case", () => {
    expect(normalizeHexColor("#1D4ED8")).toBe("#1d4ed8");
    expect(normalizeHexColor("  #abc ")).toBe("#aabbcc");
    for (const bad of ["1d4ed8", "#1d4ed", "#1d4ed8ff", "blue", "#ggg000", "rgb(0,0,0)", ""]) {
      expect(normalizeHexColor(bad), bad).toBeNull();
    }
  });

  it("measures white text's contrast as WCAG does", () => {
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
    expect(contrastWithWhite("#767676")).toBeCloseTo(4.54, 2); // the lightest grey that passes AA
    expect(contrastWithWhite(DEFAULT_BRAND_COLOR)).toBeGreaterThanOrEqual(4.5);
  });

  it("takes a dark enough colour and refuses a light one or a non-colour, saying why", () => {
    expect(checkBrandColor("#14532D")).toEqual({ ok: true, color: "#14532d" });
    expect(checkBrandColor("#767676")).toEqual({ ok: true, color: "#767676" });
    const light = checkBrandColor("#777777");
    expect(light.ok).toBe(false);
    expect(light.ok ? "" : light.message).toMatch(/4\.48:1.*at least 4\.5:1.*darker/);
    const yellow = checkBrandColor("#ffd700");
    expect(yellow.ok).toBe(false);
    const word = checkBrandColor("teal");
    expect(word.ok ? "" : word.message).toMatch(/hex code/);
  });

  it("falls back to the default for a stored colour that does not pass", () => {
    expect(usableBrandColor("#7a1f3d")).toBe("#7a1f3d");
    expect(usableBrandColor("#ffffff")).toBe(DEFAULT_BRAND_COLOR);
    expect(usableBrandColor(null)).toBe(DEFAULT_BRAND_COLOR);
  });
});
