import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PasskeyList } from "@/components/auth/passkey-list";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { buttonClass } from "@/components/ui/button-class";
import { staffPage } from "@/lib/auth/page-guards";
import { getSession, hasRecentSecondFactor } from "@/lib/auth/session";
import { staffPractice } from "@/lib/practice";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffSecurity");
  return { title: t("metaTitle") };
}

const HERE = "/staff/security";

/**
 * A staff member's own second factors (any staff role: it is their own login): the authenticator
 * app, and the passkeys, each renamed or removed here (removing needs a fresh second factor, and
 * the last second factor stays).
 */
async function StaffSecurityPage() {
  const actor = await staffPage();
  const [{ timeZone }, session, isSecondFactorFresh, t] = await Promise.all([
    staffPractice(actor.userId),
    getSession(),
    hasRecentSecondFactor(),
    getTranslations("StaffSecurity"),
  ]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("totpHeading")}</h2>
          {session?.hasTotp ? (
            <p>{t("totpOn")}</p>
          ) : (
            <div className="flex flex-col gap-3">
              <p>{t("totpOff")}</p>
              <Link
                href={`/mfa/enrol?callbackUrl=${encodeURIComponent(HERE)}`}
                className={buttonClass("secondary")}
              >
                {t("setUpTotp")}
              </Link>
            </div>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("passkeysHeading")}</h2>
          {isSecondFactorFresh ? null : (
            <div className="mb-3">
              <Notice tone="warning">
                <p>{t("stepUp")}</p>
                <Link
                  href={`/mfa?callbackUrl=${encodeURIComponent(HERE)}`}
                  className="font-semibold underline"
                >
                  {t("confirm")}
                </Link>
              </Notice>
            </div>
          )}
          {/* The staff console stays English (docs/i18n.md). */}
          <PasskeyList userId={actor.userId} timeZone={timeZone} returnTo={HERE} locale="en" />
        </Card>
      </div>
    </>
  );
}

export default withStaffMessages(
  ["Login", "MfaForms", "Passkeys", "ProfileErrors", "ServerErrors", "SharingErrors"],
  StaffSecurityPage,
);
