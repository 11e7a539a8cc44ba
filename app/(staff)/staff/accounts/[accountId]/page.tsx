import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { StatementStatusBadge } from "@/components/statements/status-badge";
import { staffPage } from "@/lib/auth/page-guards";
import { getAccountForStaffOrThrow } from "@/lib/staff/queries";
import { recordStaffView } from "@/lib/audit/record";
import { getRequestContext } from "@/lib/request-context";
import { formatDay, formatInstant } from "@/lib/dates";
import { orNotFound } from "@/lib/not-found";
import { listPaymentsForAccount } from "@/lib/payments/staff-queries";
import { PlanList } from "@/components/plans/plan-list";
import { listPlansForAccount } from "@/lib/plans/queries";
import { AutopayUnenrollForm } from "@/components/autopay/autopay-forms";
import { listAutopayForAccount } from "@/lib/autopay/queries";
import { staffUnenrollAutopayAction } from "@/lib/autopay/staff-actions";
import { hasPermission } from "@/lib/auth/permissions";
import { walletMethodLabel } from "@/lib/method-label";
import { PaymentStatusBadge } from "@/app/(staff)/staff/payments/_components/payment-status-badge";
import { EndAccessForm } from "@/components/access/access-forms";
import { Notice } from "@/components/ui/form-message";
import { listAccessForStaff } from "@/lib/access/queries";
import { SCOPE_LABELS } from "@/lib/access/scope";
import { PhoneConsentForm } from "@/components/sms/phone-consent-form";
import { SMS_CONSENT } from "@/lib/profile/schemas";

export const metadata: Metadata = { title: "Staff · Account" };

export default async function StaffAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<{ accessRemoved?: string }>;
}) {
  const [actor, { accountId }, query] = await Promise.all([staffPage("accounts.view"), params, searchParams]);
  const scope = { practiceId: actor.practiceId, accountId };
  const [account, payments, plans, autopay, access] = await Promise.all([
    orNotFound(getAccountForStaffOrThrow(scope)),
    listPaymentsForAccount(scope),
    listPlansForAccount(scope),
    listAutopayForAccount(scope),
    listAccessForStaff(scope),
  ]);
  const canManage = hasPermission(actor.role, "plans.manage");
  const canRemoveAccess = hasPermission(actor.role, "accounts.access");
  const canTake = hasPermission(actor.role, "payments.take");
  const canRecordConsent = hasPermission(actor.role, "sms.consent");
  await recordStaffView({
    actor,
    target: { type: "Account", id: account.id },
    context: await getRequestContext(),
  });
  const balance = account.statements
    .filter((s) => s.status !== "VOIDED")
    .reduce((sum, s) => sum + s.balanceCents, 0);
  return (
    <>
      <PageTitle
        back={{ href: "/staff/search", label: "Search" }}
        description={`Guarantor ${account.guarantorFirstName} ${account.guarantorLastName}`}
      >
        Account {account.accountNumber}
      </PageTitle>
      {canTake || canManage ? (
        <div className="mb-6 flex flex-wrap gap-3">
          {canTake ? (
            // A plain link: the terminal frames the gateway's hosted fields, so it must arrive
            // with its own Content-Security-Policy (proxy.ts), not by client navigation.
            <a href={`/staff/accounts/${account.id}/take-payment`} className={buttonClass("primary")}>
              Take a payment
            </a>
          ) : null}
          {canManage ? (
            <Link href={`/staff/accounts/${account.id}/new-plan`} className={buttonClass("secondary")}>
              Set up a payment plan
            </Link>
          ) : null}
        </div>
      ) : null}
      {query.accessRemoved === "1" ? (
        <div role="status" className="mb-6">
          <Notice tone="success">The access is removed: that person no longer sees this account.</Notice>
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Guarantor</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-700">DOB</dt>
            <dd>{account.guarantorDob ? formatDay(account.guarantorDob) : "—"}</dd>
            <dt className="text-slate-700">Address</dt>
            <dd>
              {[account.address1, account.city, account.state, account.zip].filter(Boolean).join(", ") || "—"}
            </dd>
            <dt className="text-slate-700">Email</dt>
            <dd className="break-all">{account.email ?? "—"}</dd>
            <dt className="text-slate-700">Logins</dt>
            <dd className="break-all">{account.links.map((l) => l.user.email).join(", ") || "None"}</dd>
          </dl>
          <p className="mt-3">
            Balance <Money cents={balance} className="font-bold" />
          </p>
        </Card>
        <Card className="md:col-span-2">
          <h2 className="mb-2 text-lg font-semibold">Statements</h2>
          <ul className="divide-y divide-slate-200">
            {account.statements.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link
                    href={`/staff/statements/${s.id}`}
                    className="font-semibold text-brand-700 underline underline-offset-2"
                  >
                    Statement {s.statementNumber}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {formatDay(s.statementDate)} · {s.patientFirstName} {s.patientLastName}
                    {s.dueDate ? ` · due ${formatDay(s.dueDate)}` : ""}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <StatementStatusBadge status={s.status} />
                  <Money cents={s.balanceCents} currency={s.currency} className="font-semibold" />
                </div>
              </li>
            ))}
          </ul>
        </Card>
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">Payments</h2>
          {payments.length === 0 ? (
            <p className="text-slate-700">No payments yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {payments.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div>
                    <Link
                      href={`/staff/payments/${p.id}`}
                      className="font-semibold text-brand-700 underline underline-offset-2"
                    >
                      Receipt {p.receiptNumber}
                    </Link>
                    <p className="text-sm text-slate-700">
                      {formatInstant(p.createdAt, p.practice.timeZone)}
                      {p.last4 ? ` · ${p.brand ?? p.methodKind.toLowerCase()} •••• ${p.last4}` : ""}
                    </p>
                  </div>
                  <div className="flex items-center gap-3">
                    <PaymentStatusBadge status={p.status} />
                    <Money cents={p.amountCents} currency={p.currency} className="font-semibold" />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">Family members and authorized payers</h2>
          {access.length === 0 ? (
            <p className="text-slate-700">Nobody else has access to this account.</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label="Who else has access">
              {access.map((r) => (
                <li key={r.accessId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <p>
                    <span className="font-semibold">
                      {r.payerName ? `${r.payerName} (${r.payerEmail})` : r.inviteeEmail}
                    </span>{" "}
                    · {SCOPE_LABELS[r.scope]} ·{" "}
                    {r.status === "ACTIVE"
                      ? `accepted ${r.acceptedAt ? formatDay(r.acceptedAt) : ""}`
                      : r.isExpired
                        ? "invitation expired"
                        : `invited ${formatDay(r.invitedAt)}, pending`}
                  </p>
                  {canRemoveAccess ? (
                    <EndAccessForm kind="staff" accessId={r.accessId}>
                      Remove access<span className="sr-only"> of {r.payerEmail ?? r.inviteeEmail}</span>
                    </EndAccessForm>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canRecordConsent ? (
          <Card className="md:col-span-3">
            <h2 className="mb-2 text-lg font-semibold">Consent to texts, given by phone</h2>
            <p className="mb-4 text-sm text-slate-700">
              When a patient asks on the phone to get texts about their bills, read them the text below, and
              record their answer here.
            </p>
            <PhoneConsentForm
              accountId={account.id}
              consentText={SMS_CONSENT.textFor(account.practice.name)}
              consentVersion={SMS_CONSENT.version}
            />
          </Card>
        ) : null}
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">Payment plans</h2>
          {plans.some((p) => p.status === "DEFAULTED") ? (
            <p className="mb-2 font-semibold text-red-800">A plan on this account is in default.</p>
          ) : null}
          <PlanList plans={plans} hrefFor={(id) => `/staff/plans/${id}`} />
        </Card>
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">Autopay</h2>
          {autopay.length === 0 ? (
            <p className="text-slate-700">Not enrolled.</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {autopay.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <p>
                    <span className="font-semibold">{e.status === "ACTIVE" ? "Active" : "Cancelled"}</span> ·
                    since {formatDay(e.createdAt)}
                    {e.cancelledAt ? ` · ended ${formatDay(e.cancelledAt)}` : ""} ·{" "}
                    {walletMethodLabel(e.paymentMethod)} · limit <Money cents={e.limitCents} /> ·{" "}
                    {e.user?.email ?? e.source}
                  </p>
                  {e.status === "ACTIVE" && canManage ? (
                    <AutopayUnenrollForm
                      action={staffUnenrollAutopayAction}
                      enrollmentId={e.id}
                      label="Turn off autopay for the patient"
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
