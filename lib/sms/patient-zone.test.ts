import { describe, expect, it } from "vitest";
import { STATE_ZONES, patientTimeZone, validReportedZone, zoneOfState } from "@/lib/sms/patient-zone";
import { US_STATES } from "@/lib/profile/us-states";
import { isQuietHours, nextSendableAt } from "@/lib/sms/quiet-hours";

const PRACTICE = "America/New_York";

describe("the zone a browser reports", () => {
  it("keeps IANA region zones, canonical or alias", () => {
    expect(validReportedZone("America/Los_Angeles")).toBe("America/Los_Angeles");
    expect(validReportedZone(" America/Chicago ")).toBe("America/Chicago");
    expect(validReportedZone("America/Indiana/Indianapolis")).toBe("America/Indiana/Indianapolis");
    expect(validReportedZone("Asia/Calcutta")).toBe("Asia/Calcutta");
    expect(validReportedZone("US/Eastern")).toBe("US/Eastern");
  });

  it("refuses what is not a place's zone: offsets, abbreviations, UTC and Etc/, made-up names, other types", () => {
    for (const bad of [
      "+05:00",
      "EST",
      "UTC",
      "Etc/GMT+5",
      "Etc/UTC",
      "America/Nowhere",
      "America/New_York; DROP TABLE",
      "",
      "x".repeat(65),
      null,
      42,
      undefined,
    ]) {
      expect(validReportedZone(bad), String(bad)).toBeNull();
    }
  });
});

describe("a state's main zone", () => {
  it("has a zone for every state, DC and territory of the address form, and none for the military codes", () => {
    for (const [code] of US_STATES) {
      if (["AA", "AE", "AP"].includes(code)) expect(zoneOfState(code)).toBeNull();
      else expect(zoneOfState(code), code).toBe(STATE_ZONES[code]);
    }
  });

  it("reads the code in any case and spacing", () => {
    expect(zoneOfState(" ca ")).toBe("America/Los_Angeles");
    expect(zoneOfState("AZ")).toBe("America/Phoenix");
    expect(zoneOfState("ZZ")).toBeNull();
    expect(zoneOfState(null)).toBeNull();
  });

  it("names only zones this runtime knows", () => {
    for (const zone of Object.values(STATE_ZONES)) expect(validReportedZone(zone), zone).toBe(zone);
  });
});

describe("the patient's zone: reported, else the address's, else the practice's", () => {
  it("takes the first valid report over any address", () => {
    expect(
      patientTimeZone({
        reported: ["UTC", "America/Denver"],
        states: ["CA"],
        practiceZone: PRACTICE,
      }),
    ).toEqual({ zone: "America/Denver", source: "reported" });
  });

  it("takes the first known state when nothing valid was reported", () => {
    expect(
      patientTimeZone({ reported: [null, "Etc/UTC"], states: [null, "AE", "WA"], practiceZone: PRACTICE }),
    ).toEqual({ zone: "America/Los_Angeles", source: "address" });
  });

  it("falls back to the practice's zone", () => {
    expect(patientTimeZone({ reported: [], states: ["", null], practiceZone: PRACTICE })).toEqual({
      zone: PRACTICE,
      source: "practice",
    });
  });

  it("holds a text at 9:00 pm in a Los Angeles patient's zone, and lets it go at 8:59 pm, while New York's practice is past midnight", () => {
    const { zone } = patientTimeZone({
      reported: ["America/Los_Angeles"],
      states: ["NY"],
      practiceZone: PRACTICE,
    });
    const at859 = new Date("2026-07-16T03:59:00Z"); // 20:59 PDT, 23:59 EDT
    const at900 = new Date("2026-07-16T04:00:00Z"); // 21:00 PDT, 00:00 EDT
    expect(isQuietHours(at859, zone)).toBe(false);
    expect(isQuietHours(at859, PRACTICE)).toBe(true);
    expect(isQuietHours(at900, zone)).toBe(true);
    expect(nextSendableAt(at900, zone)).toEqual(new Date("2026-07-16T15:00:00Z")); // 08:00 PDT
  });

  it("lets a text go at 8:00 am in a Honolulu patient's zone (from the address) and holds it at 7:59 am", () => {
    const { zone, source } = patientTimeZone({ reported: [], states: ["HI"], practiceZone: PRACTICE });
    expect(source).toBe("address");
    expect(isQuietHours(new Date("2026-01-15T17:59:00Z"), zone)).toBe(true); // 07:59 HST, 12:59 EST
    expect(isQuietHours(new Date("2026-01-15T18:00:00Z"), zone)).toBe(false); // 08:00 HST
  });
});
