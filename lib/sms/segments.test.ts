import { describe, expect, it } from "vitest";
import { isGsm7, smsSegments } from "@/lib/sms/segments";

describe("smsSegments", () => {
  it("counts GSM-7 texts at 160 characters in one segment, 153 a segment when split", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", segments: 1 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", segments: 2 });
    expect(smsSegments("a".repeat(306))).toEqual({ encoding: "GSM-7", segments: 2 });
    expect(smsSegments("a".repeat(307))).toEqual({ encoding: "GSM-7", segments: 3 });
    // The extension table's characters take two places.
    expect(smsSegments(`${"a".repeat(158)}€`)).toEqual({ encoding: "GSM-7", segments: 1 });
    expect(smsSegments(`${"a".repeat(159)}€`)).toEqual({ encoding: "GSM-7", segments: 2 });
  });

  it("knows which Spanish letters GSM-7 has: ñ, é, ü, ¿, ¡ yes; á, í, ó, ú no", () => {
    expect(isGsm7("¿Señor Müller? ¡Café!")).toBe(true);
    for (const letter of ["á", "í", "ó", "ú", "Á", "Í", "Ó", "Ú", "•"])
      expect(isGsm7(letter), letter).toBe(false);
  });

  it("counts a text with any other character whole as UCS-2: 70 in one segment, 67 a segment when split", () => {
    expect(smsSegments(`día${"a".repeat(67)}`)).toEqual({ encoding: "UCS-2", segments: 1 });
    expect(smsSegments(`día${"a".repeat(68)}`)).toEqual({ encoding: "UCS-2", segments: 2 });
    expect(smsSegments(`día${"a".repeat(131)}`)).toEqual({ encoding: "UCS-2", segments: 2 });
    expect(smsSegments(`día${"a".repeat(132)}`)).toEqual({ encoding: "UCS-2", segments: 3 });
  });
});
