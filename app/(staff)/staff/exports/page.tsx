import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffExports");
  return { title: t("metaTitle") };
}

async function ExportsPage() {
  const [actor, t] = await Promise.all([staffPage("files.export"), getTranslations("StaffExports")]);
  /** Which changes a file holds, in words. */
  const coverage = (file: TSignupFileListItem, timeZone: string) => {
    if (file.mode === "FULL") return t("stateAt", { at: formatInstant(file.windowEnd, timeZone) });
    if (!file.windowStart) return t("before", { at: formatInstant(file.windowEnd, timeZone) });
    return t("fromTo", {
      from: formatInstant(file.windowStart, timeZone),
      to: formatInstant(file.windowEnd, timeZone),
    });
  };
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
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-2 text-xl font-semibold">{t("signupHeading")}</h2>
          <p className="mb-4">
            {t.rich("signupIntro", {
              timeZone,
              mode: () => (
                <strong>{settings.signupFileMode === "FULL" ? t("modeFull") : t("modeDelta")}</strong>
              ),
            })}
          </p>
          <ProduceSignupFileForm defaultMode={settings.signupFileMode} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("signupFiles")}</h2>
          <Table
            caption={t("signupCaption")}
            className="text-sm"
            isEmpty={files.length === 0}
            empty={t("noSignupFiles")}
          >
            <TableHead>
              <HeaderCell>{t("day")}</HeaderCell>
              <HeaderCell>{t("kind")}</HeaderCell>
              <HeaderCell>{t("covered")}</HeaderCell>
              <HeaderCell isNumeric>{t("rows")}</HeaderCell>
              <HeaderCell>{t("produced")}</HeaderCell>
              <HeaderCell>{t("file")}</HeaderCell>
            </TableHead>
            <tbody>
              {files.map((f) => (
                <Row key={f.id}>
                  <RowHeader className="whitespace-nowrap">{formatDay(f.businessDay)}</RowHeader>
                  <Cell>{t(`modes.${f.mode}`)}</Cell>
                  <Cell>{coverage(f, timeZone)}</Cell>
                  <Cell isNumeric>{f.status === "READY" ? f.rowCount : "—"}</Cell>
                  <Cell>
                    {formatInstant(f.createdAt, timeZone)}
                    <span className="block text-slate-700">
                      {t("by", { who: f.producedByUserId ? f.producedBy : t("nightlyJob") })}
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
                        retryText={t("retry")}
                      />
                    </Cell>
                  )}
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card>
          <h2 className="mb-2 text-xl font-semibold">{t("postingHeading")}</h2>
          <p className="mb-4">
            {posting && posting.formats.length > 0
              ? t.rich("postingIntro", {
                  timeZone,
                  cutoff: () => <strong>{posting.cutoff}</strong>,
                  formats: () => <strong>{posting.formats.join(", ")}</strong>,
                })
              : t("noPosting")}
          </p>
          {posting && posting.formats.length > 0 && lastClosedDay ? (
            <div className="mb-4">
              <p className="mb-4">{t("postingNow", { day: lastClosedDay })}</p>
              <ProducePostingFileForm formats={posting.formats} lastClosedDay={lastClosedDay} />
            </div>
          ) : null}
          {hasPermission(actor.role, "settings.manage") ? (
            <p className="mb-4">
              <a href="/staff/posting-settings" className="text-brand-700 underline underline-offset-2">
                {t("changeSettings")}
              </a>
            </p>
          ) : null}
          <Table
            caption={t("postingCaption")}
            className="text-sm"
            isEmpty={postingFiles.length === 0}
            empty={t("noPostingFiles")}
          >
            <TableHead>
              <HeaderCell>{t("businessDay")}</HeaderCell>
              <HeaderCell>{t("format")}</HeaderCell>
              <HeaderCell isNumeric>{t("records")}</HeaderCell>
              <HeaderCell>{t("produced")}</HeaderCell>
              <HeaderCell>{t("file")}</HeaderCell>
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
                      {t("by", {
                        who: f.producedByUserId
                          ? f.producedBy
                          : f.producedBy === "exports.posting-files"
                            ? t("dailyJob")
                            : f.producedBy,
                      })}
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
                        retryText={t("retry")}
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

export default withStaffMessages(["StaffFileProgress", "StaffPostingFile", "StaffSignupFile"], ExportsPage);
