import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
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
import { PhoneConsentForm } from "@/components/sms/phone-consent-form";
import { SMS_CONSENT } from "@/lib/profile/schemas";
import { describeCancellers } from "@/lib/access/cancelled-by";
import { listTextLinksForStaff } from "@/lib/text-to-pay/staff-links";
import { CancelledBy } from "@/components/staff/cancelled-by";
import { TextLinksCard } from "@/components/staff/text-links-card";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffAccount");
  return { title: t("metaTitle") };
}

async function StaffAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<{ accessRemoved?: string; linkRevoked?: string }>;
}) {
  const [actor, { accountId }, query, t] = await Promise.all([
    staffPage("accounts.view"),
    params,
    searchParams,
    getTranslations("StaffAccount"),
  ]);
  const scope = { practiceId: actor.practiceId, accountId };
  const [account, payments, plans, autopay, access, textLinks] = await Promise.all([
    orNotFound(getAccountForStaffOrThrow(scope)),
    listPaymentsForAccount(scope),
    listPlansForAccount(scope),
    listAutopayForAccount(scope),
    listAccessForStaff(scope),
    listTextLinksForStaff(scope),
  ]);
  const cancelledPlans = plans.filter((p) => p.status === "CANCELLED");
  const cancellers = await describeCancellers({
    accountId: account.id,
    userIds: [...cancelledPlans.map((p) => p.cancelledByUserId), ...autopay.map((e) => e.cancelledByUserId)],
  });
  const canManage = hasPermission(actor.role, "plans.manage");
  const canRemoveAccess = hasPermission(actor.role, "accounts.access");
  const canTake = hasPermission(actor.role, "payments.take");
  const canRecordConsent = hasPermission(actor.role, "sms.consent");
  const canRevokeLinks = hasPermission(actor.role, "sms.links");
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
        back={{ href: "/staff/search", label: t("back") }}
        description={t("guarantorName", {
          firstName: account.guarantorFirstName,
          lastName: account.guarantorLastName,
        })}
      >
        {t("title", { number: account.accountNumber })}
      </PageTitle>
      {canTake || canManage ? (
        <div className="mb-6 flex flex-wrap gap-3">
          {canTake ? (
            // A plain link: the terminal frames the gateway's hosted fields, so it must arrive
            // with its own Content-Security-Policy (proxy.ts), not by client navigation.
            <a href={`/staff/accounts/${account.id}/take-payment`} className={buttonClass("primary")}>
              {t("takePayment")}
            </a>
          ) : null}
          {canManage ? (
            <Link href={`/staff/accounts/${account.id}/new-plan`} className={buttonClass("secondary")}>
              {t("newPlan")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {query.accessRemoved === "1" ? (
        <div role="status" className="mb-6">
          <Notice tone="success">{t("accessRemoved")}</Notice>
        </div>
      ) : null}
      {query.linkRevoked === "1" ? (
        <div role="status" className="mb-6">
          <Notice tone="success">{t("linkRevoked")}</Notice>
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("guarantor")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-700">{t("dob")}</dt>
            <dd>{account.guarantorDob ? formatDay(account.guarantorDob) : "—"}</dd>
            <dt className="text-slate-700">{t("address")}</dt>
            <dd>
              {[account.address1, account.city, account.state, account.zip].filter(Boolean).join(", ") || "—"}
            </dd>
            <dt className="text-slate-700">{t("email")}</dt>
            <dd className="break-all">{account.email ?? "—"}</dd>
            <dt className="text-slate-700">{t("logins")}</dt>
            <dd className="break-all">
              {account.links.map((l) => l.user.email).join(", ") || t("noLogins")}
            </dd>
          </dl>
          <p className="mt-3">
            {t("balance")} <Money cents={balance} className="font-bold" />
          </p>
        </Card>
        <Card className="md:col-span-2">
          <h2 className="mb-2 text-lg font-semibold">{t("statements")}</h2>
          <ul className="divide-y divide-slate-200">
            {account.statements.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link
                    href={`/staff/statements/${s.id}`}
                    className="font-semibold text-brand-700 underline underline-offset-2"
                  >
                    {t("statementLink", { number: s.statementNumber })}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {formatDay(s.statementDate)} · {s.patientFirstName} {s.patientLastName}
                    {s.dueDate ? t("due", { date: formatDay(s.dueDate) }) : ""}
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
          <h2 className="mb-2 text-lg font-semibold">{t("payments")}</h2>
          {payments.length === 0 ? (
            <p className="text-slate-700">{t("noPayments")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {payments.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div>
                    <Link
                      href={`/staff/payments/${p.id}`}
                      className="font-semibold text-brand-700 underline underline-offset-2"
                    >
                      {t("receiptLink", { number: p.receiptNumber })}
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
          <h2 className="mb-2 text-lg font-semibold">{t("access.heading")}</h2>
          {access.length === 0 ? (
            <p className="text-slate-700">{t("access.none")}</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label={t("access.listLabel")}>
              {access.map((r) => (
                <li key={r.accessId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <p>
                    <span className="font-semibold">
                      {r.payerName ? `${r.payerName} (${r.payerEmail})` : r.inviteeEmail}
                    </span>{" "}
                    · {t(`scope.${r.scope}`)} ·{" "}
                    {r.status === "ACTIVE"
                      ? t("access.accepted", { date: r.acceptedAt ? formatDay(r.acceptedAt) : "" })
                      : r.isExpired
                        ? t("access.expired")
                        : t("access.pending", { date: formatDay(r.invitedAt) })}
                  </p>
                  {canRemoveAccess ? (
                    <EndAccessForm kind="staff" accessId={r.accessId}>
                      {t("access.remove")}
                      <span className="sr-only">
                        {t("access.removeWhose", { who: r.payerEmail ?? r.inviteeEmail })}
                      </span>
                    </EndAccessForm>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canRecordConsent ? (
          <Card className="md:col-span-3">
            <h2 className="mb-2 text-lg font-semibold">{t("consent.heading")}</h2>
            <p className="mb-4 text-sm text-slate-700">{t("consent.intro")}</p>
            <PhoneConsentForm
              accountId={account.id}
              consentText={SMS_CONSENT.textFor(account.practice.name)}
              consentVersion={SMS_CONSENT.version}
            />
          </Card>
        ) : null}
        <TextLinksCard links={textLinks} canRevoke={canRevokeLinks} timeZone={account.practice.timeZone} />
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">{t("plans.heading")}</h2>
          {plans.some((p) => p.status === "DEFAULTED") ? (
            <p className="mb-2 font-semibold text-red-800">{t("plans.inDefault")}</p>
          ) : null}
          <PlanList plans={plans} hrefFor={(id) => `/staff/plans/${id}`} />
          {cancelledPlans.length > 0 ? (
            <ul className="mt-3 text-sm text-slate-700" aria-label={t("plans.cancelledListLabel")}>
              {cancelledPlans.map((p) => (
                <li key={p.id}>
                  {t("plans.cancelled", {
                    statements: p.statementNumbers.join(", "),
                    date: p.cancelledAt ? formatDay(p.cancelledAt) : "",
                  })}{" "}
                  <CancelledBy
                    canceller={p.cancelledByUserId ? cancellers.get(p.cancelledByUserId) : undefined}
                    kind="plan"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
        <Card className="md:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">{t("autopay.heading")}</h2>
          {autopay.length === 0 ? (
            <p className="text-slate-700">{t("autopay.none")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {autopay.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <p>
                    <span className="font-semibold">
                      {e.status === "ACTIVE" ? t("autopay.active") : t("autopay.cancelled")}
                    </span>{" "}
                    · {t("autopay.since", { date: formatDay(e.createdAt) })}
                    {e.cancelledAt ? t("autopay.ended", { date: formatDay(e.cancelledAt) }) : ""} ·{" "}
                    {walletMethodLabel(e.paymentMethod)} · {t("autopay.limit")} <Money cents={e.limitCents} />{" "}
                    · {e.user?.email ?? e.source}
                    {e.status === "CANCELLED" ? (
                      <>
                        {" · "}
                        <CancelledBy
                          canceller={e.cancelledByUserId ? cancellers.get(e.cancelledByUserId) : undefined}
                          kind="autopay"
                        />
                      </>
                    ) : null}
                  </p>
                  {e.status === "ACTIVE" && canManage ? (
                    <AutopayUnenrollForm
                      action={staffUnenrollAutopayAction}
                      enrollmentId={e.id}
                      label={t("autopay.turnOff")}
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

export default withStaffMessages(
  [
    "AccessScopes",
    "AutopayErrors",
    "AutopayForm",
    "HostedFields",
    "NewMethod",
    "ProfileErrors",
    "ServerErrors",
    "Sharing",
    "SharingErrors",
    "StaffPhoneConsent",
    "StaffTextLinks",
  ],
  StaffAccountPage,
);
