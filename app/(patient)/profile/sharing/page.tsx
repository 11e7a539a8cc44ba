import type { Metadata } from "next";
import { EndAccessForm, InvitePayerForm } from "@/components/access/access-forms";
import { ProfileSection } from "@/components/profile/profile-section";
import { Notice } from "@/components/ui/form-message";
import { listAccessForGuarantor, listSharedAccounts } from "@/lib/access/queries";
import { SCOPE_LABELS } from "@/lib/access/scope";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";

export const metadata: Metadata = { title: "Family and shared access · Profile" };

const ENDED = {
  revoked: "Done. That person can no longer see the account, and the invitation link no longer works.",
  left: "Done. The account no longer appears in your portal.",
} as const;

export default async function ProfileSharingPage({
  searchParams,
}: {
  searchParams: Promise<{ ended?: string }>;
}) {
  const actor = await patientPage();
  const [accounts, shared, params] = await Promise.all([
    listAccessForGuarantor({ userId: actor.userId }),
    listSharedAccounts({ userId: actor.userId }),
    searchParams,
  ]);
  const ended = params.ended === "revoked" || params.ended === "left" ? ENDED[params.ended] : null;
  return (
    <>
      {ended ? (
        <div role="status">
          <Notice tone="success">{ended}</Notice>
        </div>
      ) : null}
      {accounts.length > 0 ? (
        <>
          <ProfileSection
            title="Who can see your accounts"
            intro="Family members and others you invited. They pay with their own card or bank account, and never see your saved payment methods, your profile or your other accounts."
          >
            <ul className="flex flex-col gap-4" aria-label="Your accounts and who can see them">
              {accounts.map((a) => (
                <li key={a.accountId}>
                  <h3 className="font-semibold">
                    Account {a.accountNumber} · {a.guarantorName}
                  </h3>
                  {a.access.length === 0 ? (
                    <p className="text-slate-700">Only you.</p>
                  ) : (
                    <ul
                      className="mt-2 flex flex-col gap-2"
                      aria-label={`Who can see account ${a.accountNumber}`}
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
                              {SCOPE_LABELS[r.scope]} ·{" "}
                              {r.status === "ACTIVE"
                                ? `accepted ${r.acceptedAt ? formatDay(r.acceptedAt) : ""}`
                                : r.isExpired
                                  ? "invitation expired"
                                  : `invited ${formatDay(r.invitedAt)}, not accepted yet`}
                            </p>
                          </div>
                          <EndAccessForm kind="revoke" accessId={r.accessId}>
                            {r.status === "ACTIVE" ? "Remove access" : "Withdraw invitation"}
                            <span className="sr-only"> of {r.payerEmail ?? r.inviteeEmail}</span>
                          </EndAccessForm>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </ProfileSection>
          <ProfileSection
            title="Invite someone"
            intro="We email them a link that works once, for 7 days. You can remove their access at any time."
          >
            <InvitePayerForm
              accounts={accounts.map((a) => ({
                id: a.accountId,
                label: `Account ${a.accountNumber} · ${a.guarantorName}`,
              }))}
            />
          </ProfileSection>
        </>
      ) : null}
      <ProfileSection
        title="Accounts shared with you"
        intro="Accounts of other people who invited you. You can stop seeing one at any time."
      >
        {shared.length === 0 ? (
          <p className="text-slate-700">No one has shared an account with you.</p>
        ) : (
          <ul className="flex flex-col gap-2" aria-label="Accounts shared with you">
            {shared.map((s) => (
              <li
                key={s.accessId}
                className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 p-3"
              >
                <div>
                  <p className="font-medium">{s.label}</p>
                  <p className="text-sm text-slate-700">
                    Account {s.accountNumber} · {s.practiceName}
                  </p>
                </div>
                <EndAccessForm kind="leave" accessId={s.accessId}>
                  Stop seeing this account<span className="sr-only"> of {s.guarantorName}</span>
                </EndAccessForm>
              </li>
            ))}
          </ul>
        )}
      </ProfileSection>
    </>
  );
}
