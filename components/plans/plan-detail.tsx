import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { Money } from "@/components/ui/money";
import { MessagesFor } from "@/components/i18n/messages-for";
import { PlanActions, type TPlanActionSet } from "@/components/plans/plan-actions";
import { PlanSchedule } from "@/components/plans/plan-schedule";
import { PlanStatusBadge, statusWords } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { readerLocale } from "@/lib/auth/reader-locale";
import { planAgreementLocale } from "@/lib/plans/agreement";
import type { TPlanDetail } from "@/lib/plans/queries";

const FREQUENCIES = ["WEEKLY", "BIWEEKLY", "MONTHLY"] as const;
const isFrequency = (f: string): f is (typeof FREQUENCIES)[number] =>
  (FREQUENCIES as readonly string[]).includes(f);

/**
 * One plan: its terms, what is left, the schedule, and the actions (patient's or staff's), in the
 * reader's language (English for staff). The agreement is shown as it was accepted, in the
 * language its version names.
 */
export async function PlanDetail({
  plan,
  actions,
  isAgreementOpen = false,
}: {
  plan: TPlanDetail;
  actions: TPlanActionSet;
  /** Shown unfolded (staff about to print it for a patient with no email address). */
  isAgreementOpen?: boolean;
}) {
  const locale = await readerLocale();
  const [t, words, tFamily] = await Promise.all([
    getTranslations({ locale, namespace: "PlanDetail" }),
    getTranslations({ locale, namespace: "PlanWords" }),
    getTranslations({ locale, namespace: "Family" }),
  ]);
  const intlLocale = INTL_LOCALES[locale];
  const day = (date: Date) => formatDay(date, intlLocale);
  const status = statusWords(words);
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
          {plan.defaultedAt ? t("defaultedOn", { date: day(plan.defaultedAt) }) : t("defaulted")}
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <h2 className="text-sm font-medium text-slate-700">{t("status")}</h2>
          <p className="mt-1" data-testid="plan-status">
            <PlanStatusBadge status={plan.status} label={status.plan(plan.status)} />
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-700">{t("leftToPay")}</h2>
          <p className="text-2xl font-bold" data-testid="plan-remaining">
            <Money cents={plan.remainingCents} locale={intlLocale} />
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-700">{t("nextCharge")}</h2>
          <p className="text-2xl font-bold">{plan.nextDue ? day(plan.nextDue.dueDate) : t("none")}</p>
        </Card>
      </div>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("terms")}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-700">{t("account")}</dt>
          <dd>{plan.accountNumber}</dd>
          <dt className="text-slate-700">{t("statements")}</dt>
          <dd>{plan.statementNumbers.join(", ")}</dd>
          <dt className="text-slate-700">{t("total")}</dt>
          <dd>
            <Money cents={plan.totalCents} locale={intlLocale} />
          </dd>
          <dt className="text-slate-700">{t("downPayment")}</dt>
          <dd>
            {plan.downPaymentCents > 0 ? (
              <Money cents={plan.downPaymentCents} locale={intlLocale} />
            ) : (
              t("none")
            )}
          </dd>
          <dt className="text-slate-700">{t("howOften")}</dt>
          <dd>{isFrequency(plan.frequency) ? words(`frequency.${plan.frequency}`) : plan.frequency}</dd>
          {plan.setUpBy ? (
            <>
              <dt className="text-slate-700">{tFamily("setUpByLabel")}</dt>
              <dd data-testid="plan-set-up-by">{plan.setUpBy}</dd>
            </>
          ) : null}
          <dt className="text-slate-700">{t("method")}</dt>
          <dd>
            {plan.method.familyKind
              ? tFamily(plan.method.familyKind === "BANK" ? "familyBank" : "familyCard")
              : plan.method.isRemoved
                ? t("methodRemoved", { method: plan.method.label })
                : plan.method.label}
          </dd>
          <dt className="text-slate-700">{t("agreed")}</dt>
          <dd>{t("agreedOn", { date: day(plan.agreedAt), version: plan.agreementVersion })}</dd>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("schedule")}</h2>
        <PlanSchedule plan={plan} />
      </Card>
      {plan.status === "ACTIVE" || plan.status === "DEFAULTED" ? (
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("manage")}</h2>
          <MessagesFor only={["PlanActions", "PlanErrors", "ServerErrors"]}>
            <PlanActions
              planId={plan.id}
              status={plan.status}
              actions={actions}
              methods={plan.methods}
              currentMethodId={plan.method.id}
              skipOptions={skipOptions}
              isCancelOnly={plan.isCancelOnly}
            />
          </MessagesFor>
        </Card>
      ) : null}
      {plan.agreementText ? (
        <Card>
          <details id="agreement" open={isAgreementOpen}>
            <summary className="cursor-pointer font-semibold">{t("agreement")}</summary>
            <pre
              lang={planAgreementLocale(plan.agreementVersion) ?? undefined}
              className="mt-2 text-sm whitespace-pre-wrap"
            >
              {plan.agreementText}
            </pre>
          </details>
        </Card>
      ) : null}
    </div>
  );
}
