import { getLocale, getTranslations } from "next-intl/server";
import { EndAccessForm, InvitePayerForm } from "@/components/access/access-forms";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { Notice } from "@/components/ui/form-message";
import { listAccessForGuarantor, listSharedAccounts } from "@/lib/access/queries";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("sharing");

async function ProfileSharingPage({ searchParams }: { searchParams: Promise<{ ended?: string }> }) {
  const actor = await patientPage();
  const [accounts, shared, params, t, scopes, locale] = await Promise.all([
    listAccessForGuarantor({ userId: actor.userId }),
    listSharedAccounts({ userId: actor.userId }),
    searchParams,
    getTranslations("Sharing"),
    getTranslations("AccessScopes"),
    getLocale(),
  ]);
  const day = (date: Date) => formatDay(date, INTL_LOCALES[locale]);
  const ended = params.ended === "revoked" || params.ended === "left" ? t(params.ended) : null;
  return (
    <>
      {ended ? (
        <div role="status">
          <Notice tone="success">{ended}</Notice>
        </div>
      ) : null}
      {accounts.length > 0 ? (
        <>
          <ProfileSection title={t("whoTitle")} intro={t("whoIntro")}>
            <ul className="flex flex-col gap-4" aria-label={t("whoLabel")}>
              {accounts.map((a) => (
                <li key={a.accountId}>
                  <h3 className="font-semibold">
                    {t("account", { number: a.accountNumber, guarantor: a.guarantorName })}
                  </h3>
                  {a.access.length === 0 ? (
                    <p className="text-slate-700">{t("onlyYou")}</p>
                  ) : (
                    <ul
                      className="mt-2 flex flex-col gap-2"
                      aria-label={t("whoOfAccount", { number: a.accountNumber })}
                    >
                      {a.access.map((r) => (
                        <li
                          key={r.accessId}
                          className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 p-3"
                        >
                          <div>
                            <p className="font-medium">
                              {r.payerName ? `${r.payerName} (${r.payerEmail})` : r.inviteeEmail}
                            </p>
                            <p className="text-sm text-slate-700">
                              {scopes(`label.${r.scope}`)} ·{" "}
                              {r.status === "ACTIVE"
                                ? t("accepted", { date: r.acceptedAt ? day(r.acceptedAt) : "" })
                                : r.isExpired
                                  ? t("expired")
                                  : t("invited", { date: day(r.invitedAt) })}
                            </p>
                          </div>
                          <EndAccessForm kind="revoke" accessId={r.accessId}>
                            {r.status === "ACTIVE" ? t("remove") : t("withdraw")}
                            <span className="sr-only">
                              {" "}
                              {t("of", { email: r.payerEmail ?? r.inviteeEmail })}
                            </span>
                          </EndAccessForm>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </ProfileSection>
          <ProfileSection title={t("inviteTitle")} intro={t("inviteIntro")}>
            <InvitePayerForm
              accounts={accounts.map((a) => ({
                id: a.accountId,
                label: t("account", { number: a.accountNumber, guarantor: a.guarantorName }),
              }))}
            />
          </ProfileSection>
        </>
      ) : null}
      <ProfileSection title={t("sharedTitle")} intro={t("sharedIntro")}>
        {shared.length === 0 ? (
          <p className="text-slate-700">{t("sharedNone")}</p>
        ) : (
          <ul className="flex flex-col gap-2" aria-label={t("sharedLabel")}>
            {shared.map((s) => (
              <li
                key={s.accessId}
                className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 p-3"
              >
                <div>
                  <p className="font-medium">
                    {t("sharedLine", { guarantor: s.guarantorName, ability: scopes(`ability.${s.scope}`) })}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t("sharedAccount", { number: s.accountNumber, practice: s.practiceName })}
                  </p>
                </div>
                <EndAccessForm kind="leave" accessId={s.accessId}>
                  {t("stop")}
                  <span className="sr-only"> {t("stopOf", { guarantor: s.guarantorName })}</span>
                </EndAccessForm>
              </li>
            ))}
          </ul>
        )}
      </ProfileSection>
    </>
  );
}

export default withMessages(
  ["AccessScopes", "ProfileErrors", "ServerErrors", "Sharing", "SharingErrors"],
  ProfileSharingPage,
);
