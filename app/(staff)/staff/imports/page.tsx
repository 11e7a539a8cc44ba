import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/form-message";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { listImportFiles, staffPracticeId } from "@/lib/imports/queries";
import { practiceTimeZone } from "@/lib/practice";

export const metadata: Metadata = { title: "Staff · File imports" };

const UPLOAD_ERRORS: Record<string, string> = {
  "no-file": "Choose a balance file to upload.",
  "too-large": "That file is over 50 MB. Put it in the import inbox folder instead, or split it.",
  failed:
    "The import did not finish and nothing was kept from it. Try again; if it fails again, quote the reference below to support.",
};

export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; ref?: string }>;
}) {
  const actor = await staffPage("files.import");
  const [{ error, ref }, practiceId, timeZone] = await Promise.all([
    searchParams,
    staffPracticeId(actor.userId),
    practiceTimeZone(),
  ]);
  const files = await listImportFiles({ practiceId });
  const uploadError = error
    ? `${UPLOAD_ERRORS[error] ?? "The upload did not work. Try again."}${ref && /^[0-9a-f]{8}$/.test(ref) ? ` (reference ${ref})` : ""}`
    : null;
  return (
    <>
      <PageTitle description="Balance files (IMPSCIF) from the practice management system: each row creates or updates a statement; bad rows are rejected with their reasons and the rest go in.">
        File imports
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Upload a balance file</h2>
          {uploadError ? (
            <div role="alert" className="mb-3">
              <Notice tone="warning">{uploadError}</Notice>
            </div>
          ) : null}
          <form
            action="/staff/imports/balance"
            method="post"
            encType="multipart/form-data"
            className="flex flex-col gap-3"
          >
            <label htmlFor="balance-file" className="font-medium">
              Balance file (.txt, pipe-delimited)
            </label>
            <input
              id="balance-file"
              name="file"
              type="file"
              accept=".txt,text/plain"
              required
              className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2"
            />
            <div>
              <button type="submit" className={buttonClass("primary")}>
                Import file
              </button>
            </div>
          </form>
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Recent imports</h2>
          {files.length === 0 ? (
            <p>No files imported yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Recent imports, newest first</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-2 pr-3">
                      File
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Received
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      Rows
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      Accepted
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      Rejected
                    </th>
                    <th scope="col" className="py-2">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {files.map((f) => (
                    <tr key={f.id} className="border-b border-slate-200">
                      <td className="py-2 pr-3 break-all">
                        <Link
                          href={`/staff/imports/${f.id}`}
                          className="text-brand-700 underline underline-offset-2"
                        >
                          {f.fileName}
                        </Link>
                      </td>
                      <td className="py-2 pr-3">{formatInstant(f.createdAt, timeZone)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{f.rowCount}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{f.acceptedCount}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{f.rejectedCount}</td>
                      <td className="py-2">{f.status.toLowerCase()}</td>
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
