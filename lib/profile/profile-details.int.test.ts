import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { getPreferences, getProfile } from "@/lib/profile/queries";
import { SMS_CONSENT, ZContactDetailsInput, ZPreferencesInput } from "@/lib/profile/schemas";
import { updateContactDetails } from "@/lib/profile/update-contact-details";
import { updatePreferences } from "@/lib/profile/update-preferences";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase();
const context = requestFrom("203.0.113.50");

describe("contact details and communication preferences", () => {
  let casey: TActor;
  beforeAll(async () => {
    casey = await createPatientForTest(database.db);
  });

  const auditOf = (action: string) =>
    database.db.auditLog.findMany({
      where: { action, actorUserId: casey.userId },
      orderBy: { createdAt: "asc" },
    });

  it("saves name, phone and mailing address as the form sends them, normalised", async () => {
    const details = ZContactDetailsInput.parse({
      firstName: " Casey ",
      lastName: "Morgan",
      phone: "215.555.0199",
      address1: "10 Elm Street",
      address2: "Apt 4",
      city: "Philadelphia",
      state: "PA",
      zip: "19103",
    });
    await expect(updateContactDetails({ actor: casey, details, context })).resolves.toEqual({
      changed: ["lastName", "phone", "address1", "address2", "city", "state", "zip"],
    });
    expect(await getProfile({ userId: casey.userId })).toEqual({
      firstName: "Casey",
      lastName: "Morgan",
      email: casey.email,
      phone: "2155550199",
      address1: "10 Elm Street",
      address2: "Apt 4",
      city: "Philadelphia",
      state: "PA",
      zip: "19103",
    });
  });

  it("records nothing when nothing changed, and clears a removed address", async () => {
    const same = ZContactDetailsInput.parse({
      firstName: "Casey",
      lastName: "Morgan",
      phone: "(215) 555-0199",
      address1: "10 Elm Street",
      address2: "Apt 4",
      city: "Philadelphia",
      state: "pa",
      zip: "19103",
    });
    await expect(updateContactDetails({ actor: casey, details: same, context })).resolves.toEqual({
      changed: [],
    });
    const cleared = ZContactDetailsInput.parse({
      firstName: "Casey",
      lastName: "Morgan",
      phone: "2155550199",
    });
    await updateContactDetails({ actor: casey, details: cleared, context });
    expect(await getProfile({ userId: casey.userId })).toMatchObject({
      address1: null,
      address2: null,
      city: null,
      state: null,
      zip: null,
    });
  });

  it("audits which fields changed, not their values", async () => {
    const rows = await auditOf("profile.contact_update");
    expect(rows.map((r) => r.metadata)).toEqual([
      { changed: ["lastName", "phone", "address1", "address2", "city", "state", "zip"] },
      { changed: ["address1", "address2", "city", "state", "zip"] },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Elm Street|2155550199/);
  });

  it("starts from the defaults: email receipts and reminders on, paper statements and texts off", async () => {
    expect(await getPreferences({ userId: casey.userId })).toMatchObject({
      paperlessStatements: false,
      emailReceipts: true,
      paymentReminders: true,
      smsOptIn: false,
      smsReminders: false,
      smsPhone: null,
    });
  });

  it("saves the preferences and audits each switch that moved, with the SMS consent version", async () => {
    const preferences = ZPreferencesInput.parse({
      paperlessStatements: "on",
      paymentReminders: "on",
      smsOptIn: "on",
      smsPhone: "(267) 555-0188",
    });
    await updatePreferences({ actor: casey, preferences, context });
    expect(await getPreferences({ userId: casey.userId })).toMatchObject({
      paperlessStatements: true,
      emailReceipts: false,
      paymentReminders: true,
      smsOptIn: true,
      smsPhone: "2675550188",
    });
    const [row] = await auditOf("profile.preferences_update");
    expect(row!.metadata).toEqual({
      changes: {
        paperlessStatements: { from: false, to: true },
        emailReceipts: { from: true, to: false },
        smsOptIn: { from: false, to: true },
      },
      smsPhoneChanged: true,
      smsConsentVersion: SMS_CONSENT.version,
      smsConsentLocale: "en",
    });
  });

  it("turns texts off and keeps the number, recording the opt-out", async () => {
    await updatePreferences({
      actor: casey,
      preferences: ZPreferencesInput.parse({
        paperlessStatements: "on",
        paymentReminders: "on",
        smsPhone: "2675550188",
      }),
      context,
    });
    expect(await getPreferences({ userId: casey.userId })).toMatchObject({
      smsOptIn: false,
      smsPhone: "2675550188",
    });
    const rows = await auditOf("profile.preferences_update");
    expect(rows.at(-1)!.metadata).toEqual({ changes: { smsOptIn: { from: true, to: false } } });
  });

  it("records an opt-in under the consent as shown in Spanish: its Spanish text, version and language", async () => {
    await updatePreferences({
      actor: casey,
      preferences: ZPreferencesInput.parse({
        smsOptIn: "on",
        smsPhone: "(267) 555-0177",
        consentLocale: "es",
      }),
      context,
    });
    const consent = await database.db.smsConsent.findFirstOrThrow({
      where: { phone: "2675550177", userId: casey.userId, isOptedIn: true },
      select: { text: true, textVersion: true, textLocale: true },
    });
    expect(consent.textLocale).toBe("es");
    expect(consent.textVersion).toBe(SMS_CONSENT.version);
    expect(consent.text).toMatch(
      /^Acepto recibir mensajes de texto sobre mis facturas y pagos de .+ en este número\./,
    );
    const rows = await auditOf("profile.preferences_update");
    expect(rows.at(-1)!.metadata).toMatchObject({
      smsConsentVersion: SMS_CONSENT.version,
      smsConsentLocale: "es",
    });
  });

  it("takes a language it does not know as English", () => {
    expect(ZPreferencesInput.parse({ consentLocale: "fr" }).consentLocale).toBe("en");
    expect(ZPreferencesInput.parse({}).consentLocale).toBe("en");
  });
});
