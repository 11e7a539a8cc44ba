import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { hasPermission } from "@/lib/auth/permissions";
import { getClock } from "@/lib/clock";
import { formatDay, formatInstant } from "@/lib/dates";
import {
  getPostingSettingsSummary,
  getSignupFileSettings,
  listPostingFiles,
  getPostingFileProgressOrThrow,
  listSignupFiles,
  postingFileDownloadHref,
  signupFileDownloadHref,
  type TSignupFileListItem,
} from "@/lib/exports/queries";
import { fileProgressView } from "@/lib/progress/progress";
import { FileProgress } from "@/components/staff/file-progress";
import { staffPracticeId } from "@/lib/practice";
import { ExportFileCell } from "./_components/export-file-cell";
import { ProduceSignupFileForm } from "./_components/produce-signup-file-form";
import { ProducePostingFileForm } from "./_components/produce-posting-file-form";
import { toIsoDay } from "@/lib/dates";
import { lastClosedBusinessDay } from "@/lib/exports/posting-file";

export const metadata: Metadata = { title: "Staff · File exports" };

const MODE_LABEL = { FULL: "Full", DELTA: "Delta" } as const;

/** Which changes a file holds, in words. */
const coverage = (file: TSignupFileListItem, timeZone: string) => {
  if (file.mode === "FULL") return `State at ${formatInstant(file.windowEnd, timeZone)}`;
  if (!file.windowStart) return `Everything before ${formatInstant(file.windowEnd, timeZone)}`;
  return `${formatInstant(file.windowStart, timeZone)} to ${formatInstant(file.windowEnd, timeZone)}`;
};

export default async function ExportsPage() {
  const actor = await staffPage("files.export");
  const practiceId = await staffPracticeId(actor.userId);
  const [settings, files, posting, postingFiles] = await Promise.all([
    getSignupFileSettings(practiceId),
    listSignupFiles({ practiceId }),
    getPostingSettingsSummary(practiceId),
    listPostingFiles({ practiceId }),
  ]);
  const { timeZone } = settings;
  const now = getClock().now();
  // The latest closed business day (the form's first and latest day), and each unfinished file's progress.
  const lastClosedDay = posting
    ? toIsoDay(lastClosedBusinessDay({ now, cutoffMinutes: posting.cutoffMinutes, timeZone }))
    : null;
  const postingProgress = new Map(
    await Promise.all(
      postingFiles
        .filter((f) => f.status !== "READY")
        .map(
          async (f) =>
            [f.id, await getPostingFileProgressOrThrow({ practiceId, fileId: f.id, now })] as const,
        ),
    ),
  );
  return (
    <>
      <PageTitle description="Files the portal produces for the practice management system.">
        File exports
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-2 text-xl font-semibold">Autopay sign-up file (IMPSPO)</h2>
          <p className="mb-4">
            Every night after midnight ({timeZone}) the portal produces this practice&apos;s file for the day
            that ended:{" "}
            <strong>
              {settings.signupFileMode === "FULL"
                ? "a full file (every account that is or was on autopay)"
                : "a delta (only the accounts whose autopay changed since the last delta)"}
            </strong>
            . You can produce today&apos;s file now instead; there is one file per day and kind. It is written
            in the background: its row below shows how far it has got, then its download link.
          </p>
          <ProduceSignupFileForm defaultMode={settings.signupFileMode} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Sign-up files</h2>
          <Table
            caption="Autopay sign-up files, newest first"
            className="text-sm"
            isEmpty={files.length === 0}
            empty="No sign-up files produced yet."
          >
            <TableHead>
              <HeaderCell>Day</HeaderCell>
              <HeaderCell>Kind</HeaderCell>
              <HeaderCell>Changes covered</HeaderCell>
              <HeaderCell isNumeric>Rows</HeaderCell>
              <HeaderCell>Produced</HeaderCell>
              <HeaderCell>File</HeaderCell>
            </TableHead>
            <tbody>
              {files.map((f) => (
                <Row key={f.id}>
                  <RowHeader className="whitespace-nowrap">{formatDay(f.businessDay)}</RowHeader>
                  <Cell>{MODE_LABEL[f.mode]}</Cell>
                  <Cell>{coverage(f, timeZone)}</Cell>
                  <Cell isNumeric>{f.status === "READY" ? f.rowCount : "—"}</Cell>
                  <Cell>
                    {formatInstant(f.createdAt, timeZone)}
                    <span className="block text-slate-700">
                      by {f.producedByUserId ? f.producedBy : "the nightly job"}
                    </span>
                  </Cell>
                  {f.status === "READY" ? (
                    <ExportFileCell file={f} href={signupFileDownloadHref(f.id)} timeZone={timeZone} />
                  ) : (
                    <Cell className="break-all">
                      <FileProgress
                        // Keyed by status, so that a page rendered again once it finished starts afresh.
                        key={f.status}
                        id={f.id}
                        progressUrl={`/staff/exports/${encodeURIComponent(f.id)}/progress`}
                        initial={fileProgressView({
                          file: f,
                          downloadHref: signupFileDownloadHref(f.id),
                          now,
                        })}
                        retryText="It is tried again within the hour."
                      />
                    </Cell>
                  )}
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card>
          <h2 className="mb-2 text-xl font-semibold">End-of-day posting files</h2>
          <p className="mb-4">
            {posting && posting.formats.length > 0 ? (
              <>
                Every business day ends at <strong>{posting.cutoff}</strong> ({timeZone}); soon after, the
                portal writes that day&apos;s payments, refunds, voids and returns as{" "}
                <strong>{posting.formats.join(", ")}</strong> for the practice management system.
              </>
            ) : (
              "This practice has no end-of-day posting files set up."
            )}
          </p>
          {posting && posting.formats.length > 0 && lastClosedDay ? (
            <div className="mb-4">
              <p className="mb-4">
                You can produce a closed business day&apos;s file now (the latest is {lastClosedDay}); there
                is one file per day and format, and a file already written is just shown. It is written in the
                background: its row below shows the records written so far, then its download link.
              </p>
              <ProducePostingFileForm formats={posting.formats} lastClosedDay={lastClosedDay} />
            </div>
          ) : null}
          {hasPermission(actor.role, "settings.manage") ? (
            <p className="mb-4">
              <a href="/staff/posting-settings" className="text-brand-700 underline underline-offset-2">
                Change the posting settings
              </a>
            </p>
          ) : null}
          <Table
            caption="End-of-day posting files, newest day first"
            className="text-sm"
            isEmpty={postingFiles.length === 0}
            empty="No posting files written yet."
          >
            <TableHead>
              <HeaderCell>Business day</HeaderCell>
              <HeaderCell>Format</HeaderCell>
              <HeaderCell isNumeric>Records</HeaderCell>
              <HeaderCell>Produced</HeaderCell>
              <HeaderCell>File</HeaderCell>
            </TableHead>
            <tbody>
              {postingFiles.map((f) => (
                <Row key={f.id}>
                  <RowHeader className="whitespace-nowrap">{formatDay(f.businessDay)}</RowHeader>
                  <Cell>{f.formatName}</Cell>
                  <Cell isNumeric>{f.status === "READY" ? f.rowCount : "—"}</Cell>
                  <Cell>
                    {formatInstant(f.createdAt, timeZone)}
                    <span className="block text-slate-700">
                      by{" "}
                      {f.producedByUserId
                        ? f.producedBy
                        : f.producedBy === "exports.posting-files"
                          ? "the daily job"
                          : f.producedBy}
                    </span>
                  </Cell>
                  {f.status === "READY" ? (
                    <ExportFileCell file={f} href={postingFileDownloadHref(f.id)} timeZone={timeZone} />
                  ) : (
                    <Cell className="break-all">
                      <FileProgress
                        key={f.status}
                        id={f.id}
                        progressUrl={`/staff/exports/posting/${encodeURIComponent(f.id)}/progress`}
                        initial={postingProgress.get(f.id)!}
                        retryText="It is tried again within the hour."
                      />
                    </Cell>
                  )}
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}
