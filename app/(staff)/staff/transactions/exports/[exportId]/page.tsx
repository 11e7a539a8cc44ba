import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { FileProgress } from "@/components/staff/file-progress";
import { staffPage } from "@/lib/auth/page-guards";
import { getClock } from "@/lib/clock";
import { formatInstant } from "@/lib/dates";
import { orNotFound } from "@/lib/not-found";
import { staffPractice } from "@/lib/practice";
import { getTransactionsExportOrThrow } from "@/lib/reports/transactions-export";

export const metadata: Metadata = { title: "Staff · Transactions CSV" };

const LINK = "text-brand-700 underline underline-offset-2";

/**
 * A transactions CSV too large to stream at once, being prepared by a job (docs/reports.md,
 * "Large CSVs"): its progress, then its download link. `reports.view`, of the practice's exports.
 */
export default async function TransactionsExportPage({ params }: { params: Promise<{ exportId: string }> }) {
  const actor = await staffPage("reports.view");
  const { exportId } = await params;
  const { timeZone } = await staffPractice(actor.userId);
  const file = await orNotFound(
    getTransactionsExportOrThrow({ practiceId: actor.practiceId, exportId, now: getClock().now() }),
  );
  const listHref = file.filters ? `/staff/transactions?${file.filters}` : "/staff/transactions";
  return (
    <>
      <PageTitle
        description={`Asked for by ${file.requestedBy} at ${formatInstant(file.createdAt, timeZone)}. A list this long is prepared in the background: you may leave this page and come back to it.`}
      >
        {file.status === "READY" ? "Your export is ready" : "Preparing your export"}
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <FileProgress
            // Keyed by status, so that a page rendered again once it finished starts afresh.
            key={file.status}
            id={file.id}
            progressUrl={`/staff/transactions/exports/${encodeURIComponent(file.id)}/progress`}
            initial={file.progress}
            retryText="Ask for the CSV again to try once more."
          />
        </Card>
        <p>
          <Link href={listHref} className={LINK}>
            Back to the transactions
          </Link>
        </p>
      </div>
    </>
  );
}
