import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { EnrolForm } from "@/components/auth/mfa-forms";
import { MessagesFor } from "@/components/i18n/messages-for";
import { PageTitle } from "@/components/ui/card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSession } from "@/lib/auth/session";
import { sessionReaderLocale } from "@/lib/auth/reader-locale";
import { enrolmentSecret } from "@/lib/auth/mfa/second-factor";
import { homeFor, safeCallbackUrl } from "@/lib/auth/redirects";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await sessionReaderLocale(), namespace: "MfaEnrol" });
  return { title: t("metaTitle") };
}

/** The secret in groups of four, as authenticator apps show a typed key. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Enrolment in TOTP: staff at their first sign-in (they must have it), a patient from the
 * profile. The QR code and the same secret as text; a code from the app turns it on. In the
 * patient's language; English for staff (docs/i18n.md), marked so on a Spanish page.
 */
export default async function EnrolPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const session = await getSession();
  if (!session) redirect("/login");
  const callbackUrl = safeCallbackUrl(params.callbackUrl, homeFor(session.role));
  const enrolment = await enrolmentSecret({
    sessionId: session.sessionId,
    userId: session.userId,
    email: session.email,
    role: session.role,
  });
  // Already on: the code page (which sends a session that has passed it on to where it was going).
  if (!enrolment) redirect(`/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const qr = await QRCode.toDataURL(enrolment.uri, { margin: 1, width: 200 });
  const locale = await sessionReaderLocale();
  const t = await getTranslations({ locale, namespace: "MfaEnrol" });
  return (
    <div lang={locale}>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <ol className="mb-6 flex list-decimal flex-col gap-4 pl-5">
        <li>
          <p>{t("scan")}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
          <img src={qr} alt={t("qrAlt")} width={200} height={200} className="mt-2" />
        </li>
        <li>
          <p>{t("typeKey")}</p>
          <p className="mt-1">
            <code
              data-testid="totp-secret"
              className="rounded bg-slate-100 px-2 py-1 font-mono text-base break-all"
            >
              {grouped(enrolment.secret)}
            </code>
          </p>
        </li>
        <li>{t("enterCode")}</li>
      </ol>
      <MessagesFor locale={locale} only={["MfaForms", "ServerErrors"]}>
        <EnrolForm callbackUrl={callbackUrl} />
      </MessagesFor>
      <div className="mt-6">
        <SignOutButton label={t("signOut")} />
      </div>
    </div>
  );
}
