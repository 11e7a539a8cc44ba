import { getLocale, getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { PreferencesForm } from "@/components/profile/preferences-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { formatInstant } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { getPreferences, getSmsConsentState, getSmsConsentText } from "@/lib/profile/queries";
import { scheduleTimeZone } from "@/lib/practice";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("preferences");

async function ProfilePreferencesPage() {
  const actor = await patientPage();
  const locale = await getLocale();
  const [preferences, consent, consentText, timeZone, t] = await Promise.all([
    getPreferences({ userId: actor.userId }),
    getSmsConsentState({ userId: actor.userId }),
    // The consent is shown, and recorded when agreed to, in the reader's language.
    getSmsConsentText({ userId: actor.userId, locale }),
    scheduleTimeZone(),
    getTranslations("ProfilePreferences"),
  ]);
  const values = consent
    ? {
        number: formatUsPhone(consent.phone),
        when: formatInstant(consent.createdAt, timeZone, INTL_LOCALES[locale]),
        keyword: consent.keyword ?? "",
      }
    : null;
  const smsStatus =
    !consent || !values
      ? null
      : consent.isOptedIn
        ? t(consent.source === "KEYWORD" ? "smsOnKeyword" : "smsOn", values)
        : t(consent.source === "KEYWORD" ? "smsOffKeyword" : "smsOff", values);
  return (
    <ProfileSection title={t("title")} intro={t("intro")}>
      <PreferencesForm
        defaults={{
          paperlessStatements: preferences.paperlessStatements,
          emailReceipts: preferences.emailReceipts,
          paymentReminders: preferences.paymentReminders,
          smsOptIn: preferences.smsOptIn,
          smsReminders: preferences.smsReminders,
          smsPhone: formatUsPhone(preferences.smsPhone),
          profilePhone: formatUsPhone(preferences.phone),
          smsStatus,
          smsConsentText: consentText,
          smsConsentLocale: locale,
        }}
      />
    </ProfileSection>
  );
}

export default withMessages(
  ["ProfileErrors", "ProfilePreferences", "ServerErrors", "SharingErrors"],
  ProfilePreferencesPage,
);
