import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { LinkAccountForm } from "@/components/profile/link-account-form";
import { patientPage } from "@/lib/auth/page-guards";
import { getProfile, listLinkedAccounts } from "@/lib/accounts/queries";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const actor = await patientPage();
  const [profile, accounts] = await Promise.all([
    getProfile({ userId: actor.userId }),
    listLinkedAccounts({ userId: actor.userId }),
  ]);
  const address = [
    profile.address1,
    profile.address2,
    [profile.city, profile.state].filter(Boolean).join(", "),
    profile.zip,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <>
      <PageTitle>Profile</PageTitle>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Your details</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
            <dt className="text-slate-700">Name</dt>
            <dd>
              {profile.firstName} {profile.lastName}
            </dd>
            <dt className="text-slate-700">Email</dt>
            <dd className="break-all">{profile.email}</dd>
            <dt className="text-slate-700">Phone</dt>
            <dd>{profile.phone ?? "Not given"}</dd>
            <dt className="text-slate-700">Address</dt>
            <dd>{address || "Not given"}</dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Linked accounts</h2>
          {accounts.length === 0 ? (
            <p className="text-slate-700">No accounts linked yet.</p>
          ) : (
            <ul className="mb-4 list-disc pl-5">
              {accounts.map((a) => (
                <li key={a.id}>
                  Account {a.accountNumber} · {a.guarantorFirstName} {a.guarantorLastName}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 mb-2 font-semibold">Link another account</h3>
          <p className="mb-3 text-sm text-slate-700">
            Use a statement from that account to prove it is yours.
          </p>
          <LinkAccountForm />
        </Card>
      </div>
    </>
  );
}
