import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffImports");
  return { title: t("metaTitle") };
}

const UPLOAD_ERRORS = ["no-kind", "no-file", "too-large", "failed"] as const;
const isUploadError = (error: string): error is (typeof UPLOAD_ERRORS)[number] =>
  (UPLOAD_ERRORS as readonly string[]).includes(error);

const uploadErrorText = async ({ error, ref, looks }: { error: string; ref?: string; looks?: string }) => {
  const t = await getTranslations("StaffImports");
  const message =
    error === "wrong-kind" && isImportKind(looks)
      ? t("errors.wrong-kind", {
          kind: IMPORT_KIND_INFO[looks].name.toLowerCase(),
          records: IMPORT_KIND_INFO[looks].records,
        })
      : isUploadError(error)
        ? t(`errors.${error}`)
        : t("errors.other");
  return ref && /^[0-9a-f]{8}$/.test(ref) ? t("withReference", { message, ref }) : message;
};

export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; ref?: string; kind?: string; looks?: string }>;
}) {
  const [actor, t] = await Promise.all([staffPage("files.import"), getTranslations("StaffImports")]);
  const [{ error, ref, kind, looks }, { id: practiceId, timeZone }] = await Promise.all([
    searchParams,
    staffPractice(actor.userId),
  ]);
  const files = await listImportFiles({ practiceId });
  const uploadError = error ? await uploadErrorText({ error, ref, looks }) : null;
  const chosenKind = isImportKind(kind) ? kind : null;
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("uploadHeading")}</h2>
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
              <legend className="mb-1 font-medium">{t("kind")}</legend>
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
                {t("file")}
              </label>
              <ImportFileInput
                id="import-file"
                className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2"
              />
            </div>
            <div>
              <button type="submit" className={buttonClass("primary")}>
                {t("submit")}
              </button>
            </div>
          </form>
        </Card>
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("recentHeading")}</h2>
          <Table caption={t("caption")} className="text-sm" isEmpty={files.length === 0} empty={t("none")}>
            <TableHead>
              <HeaderCell>{t("fileColumn")}</HeaderCell>
              <HeaderCell>{t("kindColumn")}</HeaderCell>
              <HeaderCell>{t("received")}</HeaderCell>
              <HeaderCell isNumeric>{t("rows")}</HeaderCell>
              <HeaderCell isNumeric>{t("accepted")}</HeaderCell>
              <HeaderCell isNumeric>{t("rejected")}</HeaderCell>
              <HeaderCell>{t("status")}</HeaderCell>
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
