import type { Metadata } from "next";
import Link from "next/link";
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

export const metadata: Metadata = { title: "Staff · Payment" };

const REFUND_STATUS: Record<TStaffPayment["refunds"][number]["status"], string> = {
  PENDING: "Pending (no answer from the processor yet)",
  SUCCEEDED: "Done",
  FAILED: "Failed (nothing refunded)",
};

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

/** How a payment came in, as staff name it. */
const CHANNEL: Record<TStaffPayment["channel"], string> = {
  WEB: "Patient portal",
  STAFF_PHONE: "Staff, by phone",
  STAFF_OFFICE: "Staff, at the desk",
  MAIL: "Staff, by mail",
  AUTOPAY: "Autopay",
  PLAN: "Payment plan",
  IMPORT: "Payment file",
};

export default async function StaffPaymentPage({
  params,
  searchParams,
}: {
  params: Promise<{ paymentId: string }>;
  searchParams: Promise<{ taken?: string }>;
}) {
  const [actor, { paymentId }, { taken }] = await Promise.all([
    staffPage("accounts.view"),
    params,
    searchParams,
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
        back={{ href: `/staff/accounts/${p.account.id}`, label: `Account ${p.account.accountNumber}` }}
        description={`Guarantor ${p.account.guarantorName} · Account ${p.account.accountNumber}`}
      >
        Payment {p.receiptNumber}
      </PageTitle>
      {taken && p.takenBy ? (
        <div className="mb-4">
          <Notice tone={p.status === "PENDING" ? "info" : "success"}>
            {p.status === "PENDING"
              ? "The payment is processing: the processor has not answered yet. Nothing more to do; this page shows the outcome once it is known."
              : "Payment taken."}
          </Notice>
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card className="md:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">Summary</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
            <Term label="Receipt" className="font-mono">
              {p.receiptNumber}
            </Term>
            <Term label="Date">{when(p.createdAt)}</Term>
            <Term label="Channel" testId="channel">
              {CHANNEL[p.channel]}
            </Term>
            {p.takenBy ? (
              <Term label="Taken by" testId="taken-by">
                {p.takenBy.firstName} {p.takenBy.lastName} ({p.takenBy.email})
              </Term>
            ) : null}
            <Term label="Amount">
              <Money cents={p.amountCents} currency={p.currency} className="font-semibold" />
            </Term>
            <Term label="Method">{methodLabel({ kind: p.methodKind, brand: p.brand, last4: p.last4 })}</Term>
            <Term label="Status">
              <PaymentStatusBadge status={p.status} />
              {p.status === "DECLINED" && p.declineMessage ? (
                <span className="ml-2 text-sm text-slate-700">{p.declineMessage}</span>
              ) : null}
            </Term>
            {p.refundedCents > 0 ? (
              <Term label="Refunded">
                <Money cents={p.refundedCents} currency={p.currency} />
              </Term>
            ) : null}
            <Term label="Remaining refundable" testId="refundable">
              <Money
                cents={isCharged ? p.refundableCents : 0}
                currency={p.currency}
                className="font-semibold"
              />
              {p.pendingCents > 0 ? (
                <span className="ml-2 text-sm text-amber-900">
                  (<Money cents={p.pendingCents} currency={p.currency} /> held by a pending request)
                </span>
              ) : null}
            </Term>
            {p.settledAt ? <Term label="Settled">{when(p.settledAt)}</Term> : null}
            {p.voidedAt ? <Term label="Voided">{when(p.voidedAt)}</Term> : null}
            {p.authorizationCode ? (
              <Term label="Authorization" className="font-mono">
                {p.authorizationCode}
              </Term>
            ) : null}
            {p.importFile ? (
              <Term label="Recorded from" testId="recorded-from">
                <Link
                  href={`/staff/imports/${p.importFile.id}`}
                  className="break-all text-brand-700 underline underline-offset-2"
                >
                  {p.importFile.fileName}
                </Link>
                {p.importLineNumber ? `, line ${p.importLineNumber}` : null} (taken outside the portal)
              </Term>
            ) : null}
            {p.payerName && p.channel === "IMPORT" ? <Term label="Paid by">{p.payerName}</Term> : null}
            {p.payer ? (
              <Term label="Paid by (portal login)" className="break-all">
                {p.payer.firstName} {p.payer.lastName} ({p.payer.email})
              </Term>
            ) : null}
            {p.payerEmail ? (
              <Term label="Payer email" className="break-all">
                {p.payerEmail}
              </Term>
            ) : null}
          </dl>
        </Card>

        <Card>
          <h2 className="mb-3 text-lg font-semibold">Void or refund</h2>
          {p.channel === "IMPORT" ? (
            <p className="text-sm text-slate-700">{RECORDED_ELSEWHERE_MESSAGE}</p>
          ) : mayVoid || mayRefund ? (
            <div className="flex flex-col gap-4">
              {isUnsettled ? (
                <p className="text-sm text-slate-700">
                  Before it settles, a payment can only be voided, in full. Once it settles (usually by the
                  next business day) it can be refunded in full or in part.
                </p>
              ) : null}
              {!p.canVoid && !p.canRefund ? (
                <p className="text-sm text-slate-700">Nothing can be voided or refunded on this payment.</p>
              ) : null}
              {mayVoid ? <VoidPaymentDialog payment={p} /> : null}
              {mayRefund && refundLimit !== null ? (
                <p className="text-sm text-slate-700" data-testid="refund-limit">
                  {refundLimitMessage(refundLimit, p.currency)}
                </p>
              ) : null}
              {mayRefund && p.canRefund && !isSecondFactorFresh ? (
                <Notice tone="warning">
                  <p>
                    A refund needs a fresh check of your second factor (a code from your authenticator app, or
                    your passkey): the last one is over 15 minutes old.
                  </p>
                  <Link
                    href={`/mfa?callbackUrl=${encodeURIComponent(`/staff/payments/${p.id}`)}`}
                    className="font-semibold underline"
                  >
                    Confirm it&apos;s you
                  </Link>
                </Notice>
              ) : null}
              {mayRefund ? <RefundDialog payment={p} /> : null}
            </div>
          ) : (
            <p className="text-sm text-slate-700">
              You don&apos;t have permission to void or refund payments.
            </p>
          )}
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">Applied to</h2>
          <ul className="divide-y divide-slate-200">
            {p.allocations.map((a) => (
              <li key={a.statementId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link
                  href={`/staff/statements/${a.statementId}`}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                >
                  Statement {a.statementNumber}
                </Link>
                <Money cents={a.amountCents} currency={p.currency} />
              </li>
            ))}
          </ul>
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">Voids and refunds</h2>
          <Table
            caption="Voids and refunds of this payment, oldest first"
            className="text-sm"
            isEmpty={p.refunds.length === 0}
            empty="None."
          >
            <TableHead>
              <HeaderCell>Date</HeaderCell>
              <HeaderCell>Kind</HeaderCell>
              <HeaderCell isNumeric>Amount</HeaderCell>
              <HeaderCell>Status</HeaderCell>
              <HeaderCell>Reason</HeaderCell>
              <HeaderCell>By</HeaderCell>
            </TableHead>
            <tbody>
              {p.refunds.map((r) => (
                <Row key={r.id}>
                  <Cell className="whitespace-nowrap">{when(r.createdAt)}</Cell>
                  <Cell>{r.kind === "VOID" ? "Void" : "Refund"}</Cell>
                  <Cell isNumeric>
                    <Money cents={r.amountCents} currency={r.currency} />
                  </Cell>
                  <Cell>
                    {REFUND_STATUS[r.status]}
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
          <h2 className="mb-3 text-lg font-semibold">Posted to the practice&apos;s system</h2>
          {p.postings.length === 0 ? (
            <p className="text-sm">
              Not yet: no webhook delivered it, no API key read it, no posting file held it.
            </p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="payment-postings">
              {p.postings.map((posting) => (
                <li key={posting.id}>
                  Posted:{" "}
                  {posting.channel === "WEBHOOK" ? (
                    <>
                      webhook to <span className="break-all">{posting.target}</span> at{" "}
                      {when(posting.postedAt)}
                    </>
                  ) : posting.channel === "API" ? (
                    <>
                      API key {posting.target} at {when(posting.postedAt)}
                    </>
                  ) : (
                    <>
                      file {posting.target}
                      {posting.businessDate ? ` for ${formatDay(posting.businessDate)}` : ""} at{" "}
                      {when(posting.postedAt)}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card className="md:col-span-3">
          <h2 className="mb-3 text-lg font-semibold">History</h2>
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
