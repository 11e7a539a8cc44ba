import type { Metadata } from "next";
import Link from "next/link";
import { ProfileSection } from "@/components/profile/profile-section";
import { Notice } from "@/components/ui/form-message";
import { LinkAccountForm } from "@/components/profile/link-account-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { listLinkedAccounts } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Linked accounts · Profile" };

export default async function ProfileAccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ unlinked?: string }>;
}) {
  const actor = await patientPage();
  const [accounts, params] = await Promise.all([listLinkedAccounts({ userId: actor.userId }), searchParams]);
  return (
    <>
      {params.unlinked === "1" ? (
        <div role="status">
          <Notice tone="success">
            The account is unlinked. Its statements, payments and receipts no longer appear in your portal.
          </Notice>
        </div>
      ) : null}
      <ProfileSection
        title="Linked accounts"
        intro={
          <>
            The billing accounts whose statements you see and pay here. An account is usually in the name of
            the person responsible for the bills (the guarantor).
          </>
        }
      >
        {accounts.length === 0 ? (
          <p className="text-slate-700">
            No accounts are linked to your login, so there are no bills to show. Link one below.
          </p>
        ) : (
          <ul className="flex flex-col gap-3" aria-label="Your linked accounts">
            {accounts.map((a) => (
              <li
                key={a.linkId}
                className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 p-4"
              >
                <div>
                  <p className="font-semibold">Account {a.accountNumber}</p>
                  <p className="text-slate-700">
                    Guarantor {a.guarantorName} · {a.practiceName}
                  </p>
                  <p className="text-sm text-slate-600">Linked {formatDay(a.linkedAt)}</p>
                </div>
                <Link
                  href={`/profile/accounts/${a.linkId}/unlink`}
                  className="inline-flex min-h-11 items-center rounded-md px-3 py-2 font-medium text-red-800 underline underline-offset-2 hover:bg-red-50"
                >
                  Unlink<span className="sr-only"> account {a.accountNumber}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </ProfileSection>
      <ProfileSection
        title="Link another account"
        intro={
          <>
            Use a statement of that account and the date of birth of the patient named on it, to show it is
            yours to see. After five wrong tries, linking pauses for 15 minutes.
          </>
        }
      >
        <LinkAccountForm />
      </ProfileSection>
    </>
  );
}
