import type { Metadata } from "next";
import { DocumentLink } from "@/components/ui/document-link";
import { buttonClass } from "@/components/ui/button-class";
import { PayLink } from "@/components/payments/pay-link";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { StatementList } from "@/components/statements/statement-list";
import { patientPage } from "@/lib/auth/page-guards";
import { listStatementsForPatient, summarizeStatements } from "@/lib/statements/queries";
import { formatDay } from "@/lib/dates";

export const metadata: Metadata = { title: "Your bills" };

export default async function BillsPage() {
  const actor = await patientPage();
  const statements = await listStatementsForPatient({ userId: actor.userId });
  const summary = summarizeStatements(statements);
  return (
    <>
      <PageTitle description={`Welcome back, ${actor.name.split(" ")[0]}.`}>Your bills</PageTitle>
      <div className="mb-6 grid gap-4 sm:grid-cols-2">
        <Card>
          <h2 className="text-sm font-medium text-slate-700">Total due</h2>
          <p className="text-3xl font-bold" data-testid="total-due">
            <Money cents={summary.totalDueCents} />
          </p>
          <p className="text-sm text-slate-700">
            {summary.openCount} open statement{summary.openCount === 1 ? "" : "s"}
          </p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-700">Next due date</h2>
          <p className="text-3xl font-bold" data-testid="next-due">
            {summary.nextDueDate ? formatDay(summary.nextDueDate) : "Nothing due"}
          </p>
        </Card>
      </div>
      <Card>
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Statements</h2>
          <div className="flex flex-wrap gap-3">
            {summary.totalDueCents > 0 ? (
              <DocumentLink href="/plans/new" className={buttonClass("secondary")}>
                Pay over time
              </DocumentLink>
            ) : null}
            {summary.totalDueCents > 0 ? <PayLink href="/pay">Pay bills</PayLink> : null}
          </div>
        </div>
        <StatementList statements={statements} hrefFor={(id) => `/bills/${id}`} />
      </Card>
    </>
  );
}
