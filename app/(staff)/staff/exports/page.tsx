import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { formatDay, formatInstant } from "@/lib/dates";
import { getSignupFileSettings, listSignupFiles, type TSignupFileListItem } from "@/lib/exports/queries";
import { staffPracticeId } from "@/lib/imports/queries";
import { ProduceSignupFileForm } from "./_components/produce-signup-file-form";

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
  const [settings, files] = await Promise.all([
    getSignupFileSettings(practiceId),
    listSignupFiles({ practiceId }),
  ]);
  const { timeZone } = settings;
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
            . You can produce today&apos;s file now instead; there is one file per day and kind.
          </p>
          <ProduceSignupFileForm defaultMode={settings.signupFileMode} />
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Sign-up files</h2>
          {files.length === 0 ? (
            <p>No sign-up files produced yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Autopay sign-up files, newest first</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-2 pr-3">
                      Day
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Kind
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Changes covered
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      Rows
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Produced
                    </th>
                    <th scope="col" className="py-2">
                      File
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {files.map((f) => (
                    <tr key={f.id} className="border-b border-slate-200 align-top">
                      <th scope="row" className="py-2 pr-3 font-normal whitespace-nowrap">
                        {formatDay(f.businessDay)}
                      </th>
                      <td className="py-2 pr-3">{MODE_LABEL[f.mode]}</td>
                      <td className="py-2 pr-3">{coverage(f, timeZone)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">
                        {f.status === "READY" ? f.rowCount : "—"}
                      </td>
                      <td className="py-2 pr-3">
                        {formatInstant(f.createdAt, timeZone)}
                        <span className="block text-slate-700">
                          by {f.producedByUserId ? f.producedBy : "the nightly job"}
                        </span>
                      </td>
                      <td className="py-2 break-all">
                        {f.status === "READY" ? (
                          <>
                            <a
                              href={`/staff/exports/${f.id}/download`}
                              className="text-brand-700 underline underline-offset-2"
                              download
                            >
                              {f.fileName}
                            </a>
                            {f.deliveredAt ? (
                              <span className="block text-slate-700">
                                In the outbox since {formatInstant(f.deliveredAt, timeZone)}
                              </span>
                            ) : null}
                          </>
                        ) : f.status === "FAILED" ? (
                          <span>{f.fileName}: failed; it is tried again within the hour.</span>
                        ) : (
                          <span>{f.fileName}: being produced…</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
