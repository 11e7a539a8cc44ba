import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { Notice } from "@/components/ui/form-message";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { importKindName } from "@/lib/imports/kinds";
import { getImportFileOrThrow, getImportProgressOrThrow } from "@/lib/imports/queries";
import { ImportProgress } from "@/components/staff/import-progress";
import { getClock } from "@/lib/clock";
import { staffPractice } from "@/lib/practice";
import { orNotFound } from "@/lib/not-found";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffImport");
  return { title: t("metaTitle") };
}

async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ importId: string }>;
  searchParams: Promise<{ duplicate?: string }>;
}) {
  const [actor, t] = await Promise.all([staffPage("files.import"), getTranslations("StaffImport")]);
  const [{ importId }, { duplicate }] = await Promise.all([params, searchParams]);
  const { id: practiceId, timeZone } = await staffPractice(actor.userId);
  const [file, progress] = await Promise.all([
    orNotFound(getImportFileOrThrow({ practiceId, importId })),
    orNotFound(getImportProgressOrThrow({ practiceId, importId, now: getClock().now() })),
  ]);
  const isRunning = file.status === "RECEIVED" || file.status === "PROCESSING";
  return (
    <>
      <PageTitle description={t("received", { at: formatInstant(file.createdAt, timeZone) })}>
        {file.fileName}
      </PageTitle>
      <div className="flex flex-col gap-6">
        {duplicate ? <Notice tone="info">{t("duplicate")}</Notice> : null}
        <Card>
          {/* Keyed by status, so that a page rendered again once it finished starts afresh. */}
          <ImportProgress key={file.status} importId={file.id} initial={progress} />
        </Card>
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            <dt>{t("kind")}</dt>
            <dd data-testid="import-kind">{importKindName(file.kind)}</dd>
            <dt>{t("status")}</dt>
            <dd>{file.status.toLowerCase()}</dd>
            <dt>{t("rows")}</dt>
            <dd className="tabular-nums">{isRunning ? "…" : file.rowCount}</dd>
            <dt>{t("accepted")}</dt>
            <dd className="tabular-nums" data-testid="accepted-count">
              {isRunning ? "…" : file.acceptedCount}
            </dd>
            <dt>{t("rejected")}</dt>
            <dd className="tabular-nums" data-testid="rejected-count">
              {isRunning ? "…" : file.rejectedCount}
            </dd>
          </dl>
          {file.ackFileName ? (
            <a href={`/staff/imports/${file.id}/ack`} className={`${buttonClass("secondary")} mt-4`} download>
              {t("downloadAck", { fileName: file.ackFileName })}
            </a>
          ) : file.kind === "AUTOPAY_UNENROLL" && file.status === "PROCESSED" ? (
            <p className="mt-4">{t("noAck")}</p>
          ) : null}
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("rejectedHeading")}</h2>
          {isRunning ? (
            <p>{t("listedWhenDone")}</p>
          ) : file.rows.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {file.rows.map((r) => (
                <li key={r.lineNumber}>
                  <span className="font-medium">
                    {r.lineNumber === 0 ? t("wholeFile") : t("line", { line: String(r.lineNumber) })}:
                  </span>{" "}
                  {r.errors.map((e) => e.reason).join(" ")}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {file.kind === "PAYMENT_IMPORT" ? (
          <Card>
            <h2 className="mb-3 text-xl font-semibold">{t("paymentsHeading")}</h2>
            <Table
              caption={t("paymentsCaption")}
              className="text-sm"
              isEmpty={file.payments.length === 0}
              empty={t("none")}
            >
              <TableHead>
                <HeaderCell>{t("lineColumn")}</HeaderCell>
                <HeaderCell>{t("receipt")}</HeaderCell>
                <HeaderCell isNumeric>{t("amount")}</HeaderCell>
              </TableHead>
              <tbody>
                {file.payments.map((p) => (
                  <Row key={p.id}>
                    <Cell>{p.importLineNumber}</Cell>
                    <Cell>
                      <Link
                        href={`/staff/payments/${p.id}`}
                        className="font-mono text-brand-700 underline underline-offset-2"
                      >
                        {p.receiptNumber}
                      </Link>
                    </Cell>
                    <Cell isNumeric>
                      <Money cents={p.amountCents} currency={p.currency} />
                    </Cell>
                  </Row>
                ))}
              </tbody>
            </Table>
          </Card>
        ) : null}
        <p>
          <Link href="/staff/imports" className="text-brand-700 underline underline-offset-2">
            {t("back")}
          </Link>
        </p>
      </div>
    </>
  );
}

export default withStaffMessages(["StaffImportProgress"], ImportPage);
