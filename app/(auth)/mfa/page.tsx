import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/auth/mfa-forms";
import { PasskeySecondFactorButton } from "@/components/auth/passkey-buttons";
import { MessagesFor } from "@/components/i18n/messages-for";
import { PageTitle } from "@/components/ui/card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { sessionReaderLocale } from "@/lib/auth/reader-locale";
import { hasSecondFactor } from "@/lib/auth/mfa/policy";
import { homeFor, safeCallbackUrl, secondFactorPath } from "@/lib/auth/redirects";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await sessionReaderLocale(), namespace: "SecondFactor" });
  return { title: t("metaTitle") };
}

/**
 * The second step of signing in (a user with a second factor whose session has not passed it
 * yet), and the step-up before a refund, a user change or removing a passkey (a session that
 * passed it more than 15 minutes ago). A passkey, when the user has one, beside the TOTP code
 * and the recovery codes (when the user has TOTP). In the patient's language; English for staff,
 * whose console is English (docs/i18n.md), marked so on a Spanish page.
 */
export default async function SecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const session = await getSession();
  if (!session) redirect("/login");
  const callbackUrl = safeCallbackUrl(params.callbackUrl, homeFor(session.role));
  const owed = secondFactorOwed(session);
  if (owed === "enrol") redirect(secondFactorPath("enrol", callbackUrl));
  if (!hasSecondFactor(session)) redirect(callbackUrl);
  const isStepUp = owed === "none";
  const { hasTotp, hasPasskey } = session;
  const locale = await sessionReaderLocale();
  const t = await getTranslations({ locale, namespace: "SecondFactor" });
  const description = isStepUp
    ? t("stepUp")
    : hasPasskey && hasTotp
      ? t("passkeyOrCode")
      : hasPasskey
        ? t("passkeyOnly")
        : t("codeOnly");
  return (
    <div lang={locale}>
      <PageTitle description={description}>
        {isStepUp || hasPasskey ? t("confirmTitle") : t("codeTitle")}
      </PageTitle>
      <MessagesFor locale={locale} only={["Login", "MfaForms", "Passkeys", "ServerErrors"]}>
        <div className="flex flex-col gap-6">
          {hasPasskey ? <PasskeySecondFactorButton callbackUrl={callbackUrl} /> : null}
          {hasPasskey && hasTotp ? <p className="text-slate-700">{t("or")}</p> : null}
          {hasTotp ? <SecondFactorForm callbackUrl={callbackUrl} /> : null}
        </div>
      </MessagesFor>
      <div className="mt-6">
        <SignOutButton label={t("signOut")} />
      </div>
    </div>
  );
}
