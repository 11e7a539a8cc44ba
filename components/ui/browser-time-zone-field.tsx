"use client";

import { useSyncExternalStore } from "react";

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return ""; // an old browser without Intl time zones says nothing
  }
};
const neverChanges = () => () => {};

/**
 * A hidden field named `timeZone` holding the zone this browser is set to (an IANA name such as
 * "America/Denver"), filled once the page hydrates; without scripts it stays empty and the server
 * falls back to the address's zone (lib/sms/patient-zone.ts, which also validates what it gets).
 */
export function BrowserTimeZoneField() {
  const zone = useSyncExternalStore(neverChanges, browserZone, () => "");
  return <input type="hidden" name="timeZone" value={zone} />;
}
