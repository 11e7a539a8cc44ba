import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/form-message";
import { ImportFileInput } from "@/components/staff/import-file-input";
import { staffPage } from "@/lib/auth/page-guards";
import { formatInstant } from "@/lib/dates";
import { IMPORT_KIND_INFO, IMPORT_KINDS, importKindName, isImportKind } from "@/lib/imports/kinds";
import { listImportFiles } from "@/lib/imports/queries";
import { staffPractice } from "@/lib/practice";

export const metadata: Metadata = { title: "Staff · File imports" };

const UPLOAD_ERRORS: Record<string, string> = {
  "no-kind": "Choose the kind of file you are uploading.",
  "no-file": "Choose a file to upload.",
  "too-large": "That file is over 50 MB. Put it in the import inbox folder instead, or split it.",
  failed:
    "The import did not finish. Send the same file again to finish it: what was done is kept and nothing is done twice. If it fails again, quote the reference below to support.",
};

const uploadErrorText = ({ error, ref, looks }: { error: string; ref?: string; looks?: string }) => {
  const message =
    error === "wrong-kind" && isImportKind(looks)
      ? `That file looks like ${IMPORT_KIND_INFO[looks].name.toLowerCase()} (${IMPORT_KIND_INFO[looks].records}), not the kind you chose. Check the kind and upload it again; nothing was imported.`
      : (UPLOAD_ERRORS[error] ?? "The upload did not work. Try again.");
  return `${message}${ref && /^[0-9a-f]{8}$/.test(ref) ? ` (reference ${ref})` : ""}`;
};

export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; ref?: string; kind?: string; looks?: string }>;
}) {
  const actor = await staffPage("files.import");
  const [{ error, ref, kind, looks }, { id: practiceId, timeZone }] = await Promise.all([
    searchParams,
    staffPractice(actor.userId),
  ]);
  const files = await listImportFiles({ practiceId });
  const uploadError = error ? uploadErrorText({ error, ref, looks }) : null;
  const chosenKind = isImportKind(kind) ? kind : null;
  return (
    <>
      <PageTitle description="Files from the practice management system: balance files, autopay enrolment and unenrolment files, and payments taken outside the portal. Bad rows are rejected with their reasons and the rest go in; the same file twice changes nothing the second time.">
        File imports
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Upload a file</h2>
          {uploadError ? (
            <div role="alert" className="mb-3">
              <Notice tone="warning">{uploadError}</Notice>
            </div>
          ) : null}
          <form
            action="/staff/imports/upload"
            method="post"
            encType="multipart/form-data"
            className="flex flex-col gap-4"
          >
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 font-medium">Kind of file</legend>
              {IMPORT_KINDS.map((k) => (
                <div key={k} className="flex items-start gap-2">
                  <input
                    id={`kind-${k}`}
                    type="radio"
                    name="kind"
                    value={k}
                    required
                    defaultChecked={k === chosenKind}
                    aria-describedby={`kind-${k}-hint`}
                    className="mt-0.5 h-5 w-5 shrink-0"
                  />
                  <div>
                    <label htmlFor={`kind-${k}`} className="font-medium">
                      {IMPORT_KIND_INFO[k].name} ({IMPORT_KIND_INFO[k].records})
                    </label>
                    <p id={`kind-${k}-hint`} className="text-sm text-slate-700">
                      {IMPORT_KIND_INFO[k].hint}
                    </p>
                  </div>
                </div>
              ))}
            </fieldset>
            <div className="flex flex-col gap-2">
              <label htmlFor="import-file" className="font-medium">
                File (.txt, pipe-delimited)
              </label>
              <ImportFileInput
                id="import-file"
                className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2"
              />
            </div>
            <div>
              <button type="submit" className={buttonClass("primary")}>
                Import file
              </button>
            </div>
          </form>
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Recent imports</h2>
          <Table
            caption="Recent imports, newest first"
            className="text-sm"
            isEmpty={files.length === 0}
            empty="No files imported yet."
          >
            <TableHead>
              <HeaderCell>File</HeaderCell>
              <HeaderCell>Kind</HeaderCell>
              <HeaderCell>Received</HeaderCell>
              <HeaderCell isNumeric>Rows</HeaderCell>
              <HeaderCell isNumeric>Accepted</HeaderCell>
              <HeaderCell isNumeric>Rejected</HeaderCell>
              <HeaderCell>Status</HeaderCell>
            </TableHead>
            <tbody>
              {files.map((f) => (
                <Row key={f.id}>
                  <Cell className="break-all">
                    <Link
                      href={`/staff/imports/${f.id}`}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {f.fileName}
                    </Link>
                  </Cell>
                  <Cell>{importKindName(f.kind)}</Cell>
                  <Cell>{formatInstant(f.createdAt, timeZone)}</Cell>
                  <Cell isNumeric>{f.rowCount}</Cell>
                  <Cell isNumeric>{f.acceptedCount}</Cell>
                  <Cell isNumeric>{f.rejectedCount}</Cell>
                  <Cell>{f.status.toLowerCase()}</Cell>
                </Row>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}
