import type { Metadata } from "next";
import { PasskeyList } from "@/components/auth/passkey-list";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { staffPractice } from "@/lib/practice";

export const metadata: Metadata = { title: "Staff · Sign-in security" };

/** A staff member's own passkeys (any staff role: it is their own login). */
export default async function StaffSecurityPage() {
  const actor = await staffPage();
  const { timeZone } = await staffPractice(actor.userId);
  return (
    <>
      <PageTitle description="A passkey signs you in without a password or a code: your device checks it is you, so it counts as both steps.">
        Sign-in security
      </PageTitle>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Passkeys</h2>
        <PasskeyList userId={actor.userId} timeZone={timeZone} />
      </Card>
    </>
  );
}
