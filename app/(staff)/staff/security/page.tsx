import type { Metadata } from "next";
import Link from "next/link";
import { PasskeyList } from "@/components/auth/passkey-list";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { buttonClass } from "@/components/ui/button-class";
import { staffPage } from "@/lib/auth/page-guards";
import { getSession, hasRecentSecondFactor } from "@/lib/auth/session";
import { staffPractice } from "@/lib/practice";

export const metadata: Metadata = { title: "Staff · Sign-in security" };

const HERE = "/staff/security";

/**
 * A staff member's own second factors (any staff role: it is their own login): the authenticator
 * app, and the passkeys, each renamed or removed here (removing needs a fresh second factor, and
 * the last second factor stays).
 */
export default async function StaffSecurityPage() {
  const actor = await staffPage();
  const [{ timeZone }, session, isSecondFactorFresh] = await Promise.all([
    staffPractice(actor.userId),
    getSession(),
    hasRecentSecondFactor(),
  ]);
  return (
    <>
      <PageTitle description="Your login needs a second step after the password: a code from your authenticator app, or one of your passkeys. A passkey also signs you in on its own, without the password: your device checks it is you, so it counts as both steps.">
        Sign-in security
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Authenticator app</h2>
          {session?.hasTotp ? (
            <p>Codes from your authenticator app are on for this login.</p>
          ) : (
            <div className="flex flex-col gap-3">
              <p>Your login has no authenticator app: your passkeys are its second step.</p>
              <Link
                href={`/mfa/enrol?callbackUrl=${encodeURIComponent(HERE)}`}
                className={buttonClass("secondary")}
              >
                Set up an authenticator app
              </Link>
            </div>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Passkeys</h2>
          {isSecondFactorFresh ? null : (
            <div className="mb-3">
              <Notice tone="warning">
                <p>Removing a passkey needs a fresh second step (the last one is over 15 minutes old).</p>
                <Link
                  href={`/mfa?callbackUrl=${encodeURIComponent(HERE)}`}
                  className="font-semibold underline"
                >
                  Confirm it&apos;s you
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
