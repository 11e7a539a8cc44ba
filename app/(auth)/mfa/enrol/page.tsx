import type { Metadata } from "next";
import { EnglishOnly } from "@/components/english-only";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { EnrolForm } from "@/components/auth/mfa-forms";
import { PageTitle } from "@/components/ui/card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSession } from "@/lib/auth/session";
import { enrolmentSecret } from "@/lib/auth/mfa/second-factor";
import { homeFor, safeCallbackUrl } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Set up two-step sign-in" };

/** The secret in groups of four, as authenticator apps show a typed key. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Enrolment in TOTP: staff at their first sign-in (they must have it), a patient from the
 * profile. The QR code and the same secret as text; a code from the app turns it on.
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
  return (
    // Not translated yet (docs/i18n.md).
    <EnglishOnly>
      <PageTitle description="Your login needs a second step: a code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password and the like).">
        Set up two-step sign-in
      </PageTitle>
      <ol className="mb-6 flex list-decimal flex-col gap-4 pl-5">
        <li>
          <p>Scan this QR code with your authenticator app:</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
          <img src={qr} alt="QR code for your authenticator app" width={200} height={200} className="mt-2" />
        </li>
        <li>
          <p>Or type this key into the app instead:</p>
          <p className="mt-1">
            <code
              data-testid="totp-secret"
              className="rounded bg-slate-100 px-2 py-1 font-mono text-base break-all"
            >
              {grouped(enrolment.secret)}
            </code>
          </p>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <EnrolForm callbackUrl={callbackUrl} />
      <div className="mt-6">
        <SignOutButton />
      </div>
    </EnglishOnly>
  );
}
