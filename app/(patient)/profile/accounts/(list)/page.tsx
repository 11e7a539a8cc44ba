import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { Notice } from "@/components/ui/form-message";
import { LinkAccountForm } from "@/components/profile/link-account-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { listLinkedAccounts } from "@/lib/profile/queries";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("accounts");

async function ProfileAccountsPage({ searchParams }: { searchParams: Promise<{ unlinked?: string }> }) {
  const actor = await patientPage();
  const [accounts, params, t, locale] = await Promise.all([
    listLinkedAccounts({ userId: actor.userId }),
    searchParams,
    getTranslations("ProfileAccounts"),
    getLocale(),
  ]);
  return (
    <>
      {params.unlinked === "1" ? (
        <div role="status">
          <Notice tone="success">{t("unlinked")}</Notice>
        </div>
      ) : null}
      <ProfileSection title={t("title")} intro={t("intro")}>
        {accounts.length === 0 ? (
          <p className="text-slate-700">{t("none")}</p>
        ) : (
          <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
            {accounts.map((a) => (
              <li
                key={a.linkId}
                className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 p-4"
              >
                <div>
                  <p className="font-semibold">{t("account", { number: a.accountNumber })}</p>
                  <p className="text-slate-700">
                    {t("guarantor", { name: a.guarantorName, practice: a.practiceName })}
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("linkedOn", { date: formatDay(a.linkedAt, INTL_LOCALES[locale]) })}
                  </p>
                </div>
                <Link
                  href={`/profile/accounts/${a.linkId}/unlink`}
                  className="inline-flex min-h-11 items-center rounded-md px-3 py-2 font-medium text-red-800 underline underline-offset-2 hover:bg-red-50"
                >
                  {t("unlink")}
                  <span className="sr-only"> {t("unlinkAccount", { number: a.accountNumber })}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </ProfileSection>
      <ProfileSection title={t("linkTitle")} intro={t("linkIntro")}>
        <LinkAccountForm />
      </ProfileSection>
    </>
  );
}

export default withMessages(
  ["ProfileAccounts", "ProfileErrors", "ServerErrors", "SharingErrors"],
  ProfileAccountsPage,
);
