import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { Money } from "@/components/ui/money";
import { PlanActions, type TPlanActionSet } from "@/components/plans/plan-actions";
import { PlanSchedule } from "@/components/plans/plan-schedule";
import { PlanStatusBadge } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import type { TPlanDetail } from "@/lib/plans/queries";

const FREQUENCY: Record<string, string> = {
  WEEKLY: "Weekly",
  BIWEEKLY: "Every two weeks",
  MONTHLY: "Monthly",
};

/** One plan: its terms, what is left, the schedule, and the actions (patient's or staff's). */
export function PlanDetail({
  plan,
  actions,
  isAgreementOpen = false,
}: {
  plan: TPlanDetail;
  actions: TPlanActionSet;
  /** Shown unfolded (staff about to print it for a patient with no email address). */
  isAgreementOpen?: boolean;
}) {
  const tFamily = useTranslations("Family");
  const skipOptions = plan.installments
    .filter((i) => i.isSkippable)
    .map((i) => ({ sequence: i.sequence, dueDate: i.dueDate }));
  return (
    <div className="flex flex-col gap-6">
      {plan.setUpBy && (plan.status === "ACTIVE" || plan.status === "DEFAULTED") ? (
        <Notice tone="info">{tFamily("memberPlan", { name: plan.setUpBy })}</Notice>
      ) : null}
      {plan.status === "DEFAULTED" ? (
        <Notice tone="warning">
          This plan is in default: an installment was declined on every attempt
          {plan.defaultedAt ? ` (${formatDay(plan.defaultedAt)})` : ""}. The remaining balance is due.
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <h2 className="text-sm font-medium text-slate-700">Status</h2>
          <p className="mt-1" data-testid="plan-status">
            <PlanStatusBadge status={plan.status} />
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-700">Left to pay</h2>
          <p className="text-2xl font-bold" data-testid="plan-remaining">
            <Money cents={plan.remainingCents} />
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-700">Next charge</h2>
          <p className="text-2xl font-bold">{plan.nextDue ? formatDay(plan.nextDue.dueDate) : "None"}</p>
        </Card>
      </div>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Terms</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-700">Account</dt>
          <dd>{plan.accountNumber}</dd>
          <dt className="text-slate-700">Statements</dt>
          <dd>{plan.statementNumbers.join(", ")}</dd>
          <dt className="text-slate-700">Total</dt>
          <dd>
            <Money cents={plan.totalCents} />
          </dd>
          <dt className="text-slate-700">Down payment</dt>
          <dd>{plan.downPaymentCents > 0 ? <Money cents={plan.downPaymentCents} /> : "None"}</dd>
          <dt className="text-slate-700">How often</dt>
          <dd>{FREQUENCY[plan.frequency] ?? plan.frequency}</dd>
          {plan.setUpBy ? (
            <>
              <dt className="text-slate-700">{tFamily("setUpByLabel")}</dt>
              <dd data-testid="plan-set-up-by">{plan.setUpBy}</dd>
            </>
          ) : null}
          <dt className="text-slate-700">Payment method</dt>
          <dd>
            {plan.method.familyKind ? (
              tFamily(plan.method.familyKind === "BANK" ? "familyBank" : "familyCard")
            ) : (
              <>
                {plan.method.label}
                {plan.method.isRemoved ? " (removed from the wallet: choose another)" : ""}
              </>
            )}
          </dd>
          <dt className="text-slate-700">Agreed</dt>
          <dd>
            {formatDay(plan.agreedAt)} ({plan.agreementVersion})
          </dd>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Schedule</h2>
        <PlanSchedule plan={plan} />
      </Card>
      {plan.status === "ACTIVE" || plan.status === "DEFAULTED" ? (
        <Card>
          <h2 className="mb-4 text-lg font-semibold">Manage the plan</h2>
          <PlanActions
            planId={plan.id}
            status={plan.status}
            actions={actions}
            methods={plan.methods}
            currentMethodId={plan.method.id}
            skipOptions={skipOptions}
            isCancelOnly={plan.isCancelOnly}
          />
        </Card>
      ) : null}
      {plan.agreementText ? (
        <Card>
          <details id="agreement" open={isAgreementOpen}>
            <summary className="cursor-pointer font-semibold">The agreement you accepted</summary>
            <pre className="mt-2 text-sm whitespace-pre-wrap">{plan.agreementText}</pre>
          </details>
        </Card>
      ) : null}
    </div>
  );
}
