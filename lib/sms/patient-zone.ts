/**
 * The time zone a patient's texts keep quiet hours in (docs/sms.md, "Quiet hours"), in this order:
 *
 * 1. **reported**: the zone the patient's own browser reported (`Intl.DateTimeFormat()
 *    .resolvedOptions().timeZone`, sent in a hidden field when they save their communication
 *    preferences or opt in), kept only when it is a real IANA region zone;
 * 2. **address**: the main zone of the US state of their address (approximate: see STATE_ZONES);
 * 3. **practice**: the practice's own zone.
 *
 * Pure, so unit-tested; lib/sms/recipient-zone.ts reads the facts from the database.
 */

export type TZoneSource = "reported" | "address" | "practice";

/** At most this long: IANA names are short ("America/Argentina/ComodRivadavia" is 32). */
const MAX_ZONE_LENGTH = 64;
/** "Area/Location" or "Area/Region/Location": no offsets ("+05:00"), no bare abbreviations ("EST"). */
const ZONE_SHAPE = /^[A-Z][A-Za-z_-]+(\/[A-Z0-9][A-Za-z0-9_+-]*){1,2}$/;

let knownZones: ReadonlySet<string> | null = null;
/** The IANA zones this runtime knows (its ICU data), canonical names and their aliases both. */
const isKnownZone = (zone: string) => {
  knownZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (knownZones.has(zone)) return true;
  // An alias ("Asia/Calcutta", "US/Eastern") that ICU still resolves.
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A browser's report, kept when it is a region's IANA zone this runtime knows; else null. "UTC"
 * and the "Etc/" zones say where no one lives (privacy modes and servers report them), so they
 * fall through to the address, as does anything of another shape.
 */
export const validReportedZone = (value: unknown): string | null => {
  if (typeof value !== "string") return null;
  const zone = value.trim();
  if (zone.length === 0 || zone.length > MAX_ZONE_LENGTH) return null;
  if (!ZONE_SHAPE.test(zone) || zone.startsWith("Etc/")) return null;
  return isKnownZone(zone) ? zone : null;
};

/**
 * Each state's (and DC's, and the territories') main zone: where most of its people live. It is
 * approximate where a state spans two zones: the Florida panhandle, western Kentucky and
 * Tennessee, north-west Indiana, the Michigan Upper Peninsula's west, west Texas (El Paso),
 * western Kansas, Nebraska and the Dakotas, northern Idaho, eastern Oregon (Malheur), and the
 * Aleutians; Arizona keeps no summer time (the Navajo Nation does).
 */
export const STATE_ZONES: Readonly<Record<string, string>> = {
  AL: "America/Chicago",
  AK: "America/Anchorage",
  AZ: "America/Phoenix",
  AR: "America/Chicago",
  CA: "America/Los_Angeles",
  CO: "America/Denver",
  CT: "America/New_York",
  DE: "America/New_York",
  DC: "America/New_York",
  FL: "America/New_York",
  GA: "America/New_York",
  HI: "Pacific/Honolulu",
  ID: "America/Boise",
  IL: "America/Chicago",
  IN: "America/Indiana/Indianapolis",
  IA: "America/Chicago",
  KS: "America/Chicago",
  KY: "America/New_York",
  LA: "America/Chicago",
  ME: "America/New_York",
  MD: "America/New_York",
  MA: "America/New_York",
  MI: "America/Detroit",
  MN: "America/Chicago",
  MS: "America/Chicago",
  MO: "America/Chicago",
  MT: "America/Denver",
  NE: "America/Chicago",
  NV: "America/Los_Angeles",
  NH: "America/New_York",
  NJ: "America/New_York",
  NM: "America/Denver",
  NY: "America/New_York",
  NC: "America/New_York",
  ND: "America/Chicago",
  OH: "America/New_York",
  OK: "America/Chicago",
  OR: "America/Los_Angeles",
  PA: "America/New_York",
  RI: "America/New_York",
  SC: "America/New_York",
  SD: "America/Chicago",
  TN: "America/Chicago",
  TX: "America/Chicago",
  UT: "America/Denver",
  VT: "America/New_York",
  VA: "America/New_York",
  WA: "America/Los_Angeles",
  WV: "America/New_York",
  WI: "America/Chicago",
  WY: "America/Denver",
  PR: "America/Puerto_Rico",
  VI: "America/St_Thomas",
  GU: "Pacific/Guam",
  MP: "Pacific/Saipan",
  AS: "Pacific/Pago_Pago",
};

/** The main zone of a USPS state code ("pa", " PA "), or null (the military "states", unknown codes). */
export const zoneOfState = (state: string | null | undefined): string | null =>
  state ? (STATE_ZONES[state.trim().toUpperCase()] ?? null) : null;

/** The zone a patient's texts keep quiet hours in, and where it came from (the order above). */
export const patientTimeZone = ({
  reported,
  states,
  practiceZone,
}: {
  /** Browser reports, the most trusted first (the user's latest, then the number's consent). */
  reported: readonly (string | null | undefined)[];
  /** Address states, the most apt first (the patient's own, then the account's). */
  states: readonly (string | null | undefined)[];
  practiceZone: string;
}): { zone: string; source: TZoneSource } => {
  for (const r of reported) {
    const zone = validReportedZone(r);
    if (zone) return { zone, source: "reported" };
  }
  for (const s of states) {
    const zone = zoneOfState(s);
    if (zone) return { zone, source: "address" };
  }
  return { zone: practiceZone, source: "practice" };
};
