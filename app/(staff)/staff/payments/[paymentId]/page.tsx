import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { RefundDialog } from "@/components/payments/refund-dialog";
import { VoidPaymentDialog } from "@/components/payments/void-payment-dialog";
import { PaymentStatusBadge } from "@/app/(staff)/staff/payments/_components/payment-status-badge";
import { RetryPendingRefund } from "@/app/(staff)/staff/payments/_components/retry-pending-refund";
import { staffPage } from "@/lib/auth/page-guards";
import { hasRecentSecondFactor } from "@/lib/auth/session";
import { hasPermission } from "@/lib/auth/permissions";
import { recordStaffView } from "@/lib/audit/record";
import { formatDay, formatInstant } from "@/lib/dates";
import { methodLabel } from "@/lib/method-label";
import { orNotFound } from "@/lib/not-found";
import { RECORDED_ELSEWHERE_MESSAGE } from "@/lib/payments/refundable";
import { refundLimitFor, refundLimitMessage } from "@/lib/payments/refund-limit";
import { getPaymentForStaffOrThrow, type TStaffPayment } from "@/lib/payments/staff-queries";
import { getRequestContext } from "@/lib/request-context";
import { annotateRequest } from "@/lib/log";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffPayment");
  return { title: t("metaTitle") };
}

/** Payment statuses in which money was taken and may still be (partly) with the practice. */
const CHARGED = new Set<TStaffPayment["status"]>([
  "AUTHORIZED",
  "CAPTURED",
  "SETTLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
]);

/** A line of the summary: what it is, and its value. */
const Term = ({
  label,
  className,
  testId,
  children,
}: {
  label: string;
  className?: string;
  testId?: string;
  children: React.ReactNode;
}) => (
  <>
    <dt className="text-slate-700">{label}</dt>
    <dd className={className} data-testid={testId}>
      {children}
    </dd>
  </>
);

async function StaffPaymentPage({
  params,
  searchParams,
}: {
  params: Promise<{ paymentId: string }>;
  searchParams: Promise<{ taken?: string }>;
}) {
  const [actor, { paymentId }, { taken }, t] = await Promise.all([
    staffPage("accounts.view"),
    params,
    searchParams,
    getTranslations("StaffPayment"),
  ]);
  const payment = await orNotFound(getPaymentForStaffOrThrow({ practiceId: actor.practiceId, paymentId }));
  annotateRequest({ paymentId: payment.id });
  await recordStaffView({
    actor,
    target: { type: "Payment", id: payment.id },
    context: await getRequestContext(),
    metadata: { accountId: payment.account.id },
  });
  const p = payment;
  const when = (date: Date) => formatInstant(date, p.timeZone);
  const mayVoid = hasPermission(actor.role, "payments.void");
  const mayRefund = hasPermission(actor.role, "payments.refund");
  const refundLimit = refundLimitFor(actor.role, p.largeRefundThresholdCents);
  const isSecondFactorFresh = mayRefund ? await hasRecentSecondFactor() : true;
  const isCharged = CHARGED.has(p.status);
  const isUnsettled = p.status === "CAPTURED" || p.status === "AUTHORIZED";

  return (
    <>
      <PageTitle
        back={{
          href: `/staff/accounts/${p.account.id}`,
          label: t("back", { number: p.account.accountNumber }),
        }}
        description={t("description", { name: p.account.guarantorName, number: p.account.accountNumber })}
      >
        {t("title", { number: p.receiptNumber })}
      </PageTitle>
      {taken && p.takenBy ? (
        <div className="mb-4">
          <Notice tone={p.status === "PENDING" ? "info" : "success"}>
            {p.status === "PENDING" ? t("takenPending") : t("taken")}
          </Notice>
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">{t("summary")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
            <Term label={t("terms.receipt")} className="font-mono">
              {p.receiptNumber}
            </Term>
            <Term label={t("terms.date")}>{when(p.createdAt)}</Term>
            <Term label={t("terms.channel")} testId="channel">
              {t(`channels.${p.channel}`)}
            </Term>
            {p.takenBy ? (
              <Term label={t("terms.takenBy")} testId="taken-by">
                {t("person", {
                  name: `${p.takenBy.firstName} ${p.takenBy.lastName}`,
                  email: p.takenBy.email,
                })}
              </Term>
            ) : null}
            <Term label={t("terms.amount")}>
              <Money cents={p.amountCents} currency={p.currency} className="font-semibold" />
            </Term>
            <Term label={t("terms.method")}>
              {methodLabel({ kind: p.methodKind, brand: p.brand, last4: p.last4 })}
            </Term>
            <Term label={t("terms.status")}>
              <PaymentStatusBadge status={p.status} />
              {p.status === "DECLINED" && p.declineMessage ? (
                <span className="ml-2 text-sm text-slate-700">{p.declineMessage}</span>
              ) : null}
            </Term>
            {p.refundedCents > 0 ? (
              <Term label={t("terms.refunded")}>
                <Money cents={p.refundedCents} currency={p.currency} />
              </Term>
            ) : null}
            <Term label={t("terms.refundable")} testId="refundable">
              <Money
                cents={isCharged ? p.refundableCents : 0}
                currency={p.currency}
                className="font-semibold"
              />
              {p.pendingCents > 0 ? (
                <span className="ml-2 text-sm text-amber-900">
                  {t.rich("held", { amount: () => <Money cents={p.pendingCents} currency={p.currency} /> })}
                </span>
              ) : null}
            </Term>
            {p.settledAt ? <Term label={t("terms.settled")}>{when(p.settledAt)}</Term> : null}
            {p.voidedAt ? <Term label={t("terms.voided")}>{when(p.voidedAt)}</Term> : null}
            {p.authorizationCode ? (
              <Term label={t("terms.authorization")} className="font-mono">
                {p.authorizationCode}
              </Term>
            ) : null}
            {p.importFile ? (
              <Term label={t("terms.recordedFrom")} testId="recorded-from">
                <Link
                  href={`/staff/imports/${p.importFile.id}`}
                  className="break-all text-brand-700 underline underline-offset-2"
                >
                  {p.importFile.fileName}
                </Link>
                {p.importLineNumber ? t("importLine", { line: String(p.importLineNumber) }) : null}{" "}
                {t("takenOutside")}
              </Term>
            ) : null}
            {p.payerName && p.channel === "IMPORT" ? (
              <Term label={t("terms.paidBy")}>{p.payerName}</Term>
            ) : null}
            {p.payer ? (
              <Term label={t("terms.paidByLogin")} className="break-all">
                {t("person", { name: `${p.payer.firstName} ${p.payer.lastName}`, email: p.payer.email })}
              </Term>
            ) : null}
            {p.payerEmail ? (
              <Term label={t("terms.payerEmail")} className="break-all">
                {p.payerEmail}
              </Term>
            ) : null}
          </dl>
        </Card>

        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("voidOrRefund")}</h2>
          {p.channel === "IMPORT" ? (
            <p className="text-sm text-slate-700">{RECORDED_ELSEWHERE_MESSAGE}</p>
          ) : mayVoid || mayRefund ? (
            <div className="flex flex-col gap-4">
              {isUnsettled ? <p className="text-sm text-slate-700">{t("unsettled")}</p> : null}
              {!p.canVoid && !p.canRefund ? (
                <p className="text-sm text-slate-700">{t("nothingToDo")}</p>
              ) : null}
              {mayVoid ? <VoidPaymentDialog payment={p} /> : null}
              {mayRefund && refundLimit !== null ? (
                <p className="text-sm text-slate-700" data-testid="refund-limit">
                  {refundLimitMessage(refundLimit, p.currency)}
                </p>
              ) : null}
              {mayRefund && p.canRefund && !isSecondFactorFresh ? (
                <Notice tone="warning">
                  <p>{t("stepUp")}</p>
                  <Link
                    href={`/mfa?callbackUrl=${encodeURIComponent(`/staff/payments/${p.id}`)}`}
                    className="font-semibold underline"
                  >
                    {t("confirm")}
                  </Link>
                </Notice>
              ) : null}
              {mayRefund ? <RefundDialog payment={p} /> : null}
            </div>
          ) : (
            <p className="text-sm text-slate-700">{t("noPermission")}</p>
          )}
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">{t("appliedTo")}</h2>
          <ul className="divide-y divide-slate-200">
            {p.allocations.map((a) => (
              <li key={a.statementId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link
                  href={`/staff/statements/${a.statementId}`}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                >
                  {t("statement", { number: a.statementNumber })}
                </Link>
                <Money cents={a.amountCents} currency={p.currency} />
              </li>
            ))}
          </ul>
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">{t("refundsHeading")}</h2>
          <Table
            caption={t("refundsCaption")}
            className="text-sm"
            isEmpty={p.refunds.length === 0}
            empty={t("none")}
          >
            <TableHead>
              <HeaderCell>{t("columns.date")}</HeaderCell>
              <HeaderCell>{t("columns.kind")}</HeaderCell>
              <HeaderCell isNumeric>{t("columns.amount")}</HeaderCell>
              <HeaderCell>{t("columns.status")}</HeaderCell>
              <HeaderCell>{t("columns.reason")}</HeaderCell>
              <HeaderCell>{t("columns.by")}</HeaderCell>
            </TableHead>
            <tbody>
              {p.refunds.map((r) => (
                <Row key={r.id}>
                  <Cell className="whitespace-nowrap">{when(r.createdAt)}</Cell>
                  <Cell>{r.kind === "VOID" ? t("void") : t("refund")}</Cell>
                  <Cell isNumeric>
                    <Money cents={r.amountCents} currency={r.currency} />
                  </Cell>
                  <Cell>
                    {t(`refundStatuses.${r.status}`)}
                    {r.status === "PENDING" && r.kind === "REFUND" && mayRefund ? (
                      <div className="mt-1">
                        <RetryPendingRefund
                          paymentId={p.id}
                          refundId={r.id}
                          amountCents={r.amountCents}
                          currency={r.currency}
                          reason={r.reason}
                        />
                      </div>
                    ) : null}
                  </Cell>
                  <Cell className="break-words">{r.reason}</Cell>
                  <Cell>{r.createdByName}</Cell>
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">{t("postedHeading")}</h2>
          {p.postings.length === 0 ? (
            <p className="text-sm">{t("notPosted")}</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="payment-postings">
              {p.postings.map((posting) => (
                <li key={posting.id}>
                  {t("posted")}{" "}
                  {posting.channel === "WEBHOOK"
                    ? t.rich("postedWebhook", {
                        at: when(posting.postedAt),
                        target: () => <span className="break-all">{posting.target}</span>,
                      })
                    : posting.channel === "API"
                      ? t("postedApi", { target: posting.target, at: when(posting.postedAt) })
                      : posting.businessDate
                        ? t("postedFileFor", {
                            target: posting.target,
                            day: formatDay(posting.businessDate),
                            at: when(posting.postedAt),
                          })
                        : t("postedFile", { target: posting.target, at: when(posting.postedAt) })}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">{t("history")}</h2>
          <ol className="flex flex-col gap-1 text-sm">
            {p.events.map((e) => (
              <li key={e.id}>
                <span className="text-slate-700">{when(e.createdAt)}</span> ·{" "}
                <span className="font-mono">{e.type}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}

export default withStaffMessages(
  ["StaffPaymentDialog", "StaffRefund", "StaffRetryRefund", "StaffVoid"],
  StaffPaymentPage,
);
