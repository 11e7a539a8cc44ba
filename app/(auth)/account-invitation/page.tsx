import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/access/accept-invitation-form";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { getInvitationByToken } from "@/lib/access/queries";
import { maskEmail } from "@/lib/access/scope";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";
import { getActor } from "@/lib/auth/session";
import { invitationPath } from "@/lib/access/invite-payer";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("AccountInvitation"))("title") };
}

const linkClass = "text-brand-700 underline underline-offset-2";

// The emailed link only opens this page; the token is spent by the Accept button (a mail scanner
// that follows links cannot use it up). Signed out, the page says whose invitation it is and
// sends the invitee to sign in (or sign up) and back here. In the reader's language: the
// invitee may not have a login yet, so the request's (the switcher, then the browser's).
async function AccountInvitationPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  const [invitation, actor, t] = await Promise.all([
    getInvitationByToken({ token }),
    getActor(),
    getTranslations("AccountInvitation"),
  ]);
  if (!invitation || !invitation.isUsable) {
    return (
      <>
        <PageTitle>{t("title")}</PageTitle>
        <Notice tone="warning">{t("unusable")}</Notice>
      </>
    );
  }
  const here = invitationPath(token);
  return (
    <>
      <PageTitle
        description={t("invited", {
          inviter: invitation.inviterName,
          ability: t(`ability.${invitation.scope}`),
          guarantor: invitation.guarantorName,
          practice: invitation.practiceName,
        })}
      >
        {t("title")}
      </PageTitle>
      <p className="mb-4 text-slate-700">{t("ownMethods", { inviter: invitation.inviterName })}</p>
      {!actor ? (
        <div className="flex flex-col gap-3">
          <p>{t("signInWith", { email: maskEmail(invitation.inviteeEmail) })}</p>
          <p>
            <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} className={linkClass}>
              {t("signInToAccept")}
            </Link>
          </p>
          <p>
            {t.rich("noLogin", {
              link: (chunks) => (
                <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`} className={linkClass}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
      ) : actor.role !== "PATIENT" ? (
        <Notice tone="warning">{t("staffSignedIn")}</Notice>
      ) : (
        <AcceptInvitationForm token={token} />
      )}
    </>
  );
}

export default withMessages(["AccountInvitation", "ServerErrors"], AccountInvitationPage);
