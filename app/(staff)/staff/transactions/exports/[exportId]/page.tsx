import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { FileProgress } from "@/components/staff/file-progress";
import { staffPage } from "@/lib/auth/page-guards";
import { getClock } from "@/lib/clock";
import { formatInstant } from "@/lib/dates";
import { orNotFound } from "@/lib/not-found";
import { staffPractice } from "@/lib/practice";
import { getTransactionsExportOrThrow } from "@/lib/reports/transactions-export";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffTransactionsExport");
  return { title: t("metaTitle") };
}

const LINK = "text-brand-700 underline underline-offset-2";

/**
 * A transactions CSV too large to stream at once, being prepared by a job (docs/reports.md,
 * "Large CSVs"): its progress, then its download link. `reports.view`, of the practice's exports.
 */
async function TransactionsExportPage({ params }: { params: Promise<{ exportId: string }> }) {
  const actor = await staffPage("reports.view");
  const { exportId } = await params;
  const [{ timeZone }, t] = await Promise.all([
    staffPractice(actor.userId),
    getTranslations("StaffTransactionsExport"),
  ]);
  const file = await orNotFound(
    getTransactionsExportOrThrow({ practiceId: actor.practiceId, exportId, now: getClock().now() }),
  );
  const listHref = file.filters ? `/staff/transactions?${file.filters}` : "/staff/transactions";
  return (
    <>
      <PageTitle
        description={t("description", {
          who: file.requestedBy,
          at: formatInstant(file.createdAt, timeZone),
        })}
      >
        {file.status === "READY" ? t("ready") : t("preparing")}
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <FileProgress
            // Keyed by status, so that a page rendered again once it finished starts afresh.
            key={file.status}
            id={file.id}
            progressUrl={`/staff/transactions/exports/${encodeURIComponent(file.id)}/progress`}
            initial={file.progress}
            retryText={t("retry")}
          />
        </Card>
        <p>
          <Link href={listHref} className={LINK}>
            {t("back")}
          </Link>
        </p>
      </div>
    </>
  );
}

export default withStaffMessages(["StaffFileProgress"], TransactionsExportPage);
