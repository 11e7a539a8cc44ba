import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { UnlinkAccountForm } from "@/components/profile/unlink-account-form";
import { patientPage } from "@/lib/auth/page-guards";
import { orNotFound } from "@/lib/not-found";
import { getLinkedAccountOrThrow } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Unlink an account · Profile" };

export default async function UnlinkAccountPage({ params }: { params: Promise<{ linkId: string }> }) {
  const actor = await patientPage();
  const { linkId } = await params;
  // Someone else's link and a missing one are the same 404.
  const account = await orNotFound(getLinkedAccountOrThrow({ userId: actor.userId, linkId }));
  return (
    <Card>
      <h2 className="mb-3 text-xl font-semibold">Unlink account {account.accountNumber}?</h2>
      <p className="mb-2 text-slate-700">
        Account {account.accountNumber} (guarantor {account.guarantorName}, {account.practiceName}) will no
        longer be part of your login: its statements, payment history and receipts disappear from your portal,
        and you can&apos;t pay its bills while signed in.
      </p>
      <p className="mb-4 text-slate-700">
        Nothing changes at the practice: the account, its balance and payments already made stay as they are.
        You can link it again at any time with a statement number and the patient&apos;s date of birth.
      </p>
      {account.otherLinks === 0 ? (
        <div className="mb-4">
          <Notice tone="warning">
            This is the only account linked to your login. After unlinking it you will have no bills to see or
            pay here until you link an account again. Your login stays open.
          </Notice>
        </div>
      ) : null}
      <UnlinkAccountForm linkId={account.linkId} accountNumber={account.accountNumber} />
    </Card>
  );
}
