import { getLocale, getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { Notice } from "@/components/ui/form-message";
import { CancelEmailChangeForm, ChangeEmailForm } from "@/components/profile/change-email-form";
import { patientPage } from "@/lib/auth/page-guards";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { getPendingEmailChange, getProfile } from "@/lib/profile/queries";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("email");

const strong = (chunks: React.ReactNode) => <strong className="break-all">{chunks}</strong>;

async function ProfileEmailPage() {
  const actor = await patientPage();
  const [profile, pending, t, locale] = await Promise.all([
    getProfile({ userId: actor.userId }),
    getPendingEmailChange({ userId: actor.userId }),
    getTranslations("ProfileEmail"),
    getLocale(),
  ]);
  const when = (at: Date) => formatInstant(at, DEFAULT_TIME_ZONE, INTL_LOCALES[locale]);
  return (
    <>
      <ProfileSection title={t("title")} intro={t.rich("intro", { email: profile.email, strong })}>
        {pending ? (
          <section aria-labelledby="pending-change" className="mb-6">
            <Notice tone="warning">
              <h3 id="pending-change" className="font-semibold">
                {t("pendingTitle")}
              </h3>
              <p className="mb-3">
                {t.rich("pending", {
                  email: pending.email,
                  requestedAt: when(pending.createdAt),
                  expiresAt: when(pending.expiresAt),
                  strong,
                })}
              </p>
              <CancelEmailChangeForm />
            </Notice>
          </section>
        ) : null}
        <h3 className="mb-2 text-lg font-semibold">{t("changeTitle")}</h3>
        <p className="mb-4 text-slate-700">{t("changeIntro")}</p>
        <ChangeEmailForm currentEmail={profile.email} />
      </ProfileSection>
    </>
  );
}

export default withMessages(
  ["ProfileEmail", "ProfileErrors", "ServerErrors", "SharingErrors"],
  ProfileEmailPage,
);
