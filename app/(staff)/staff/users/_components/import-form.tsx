"use client";

import { startTransition, useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import type { FormState } from "@/lib/result";
import { importStaffUsersAction } from "@/lib/staff-users/actions";
import type { TStaffImportReport } from "@/lib/staff-users/manage-users";

/** Upload of InstaMed's staff user CSV: read in the browser, sent as text, reported by line. */
export function ImportStaffForm() {
  const t = useTranslations("StaffUsers");
  const [state, dispatch, isPending] = useActionState<FormState<TStaffImportReport>, FormData>(
    importStaffUsersAction,
    null,
  );
  const [fileError, setFileError] = useState<string | null>(null);
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) {
      setFileError(t("chooseFile"));
      return;
    }
    setFileError(null);
    const data = new FormData();
    data.set("fileName", file.name);
    data.set("csv", await file.text());
    startTransition(() => dispatch(data));
  };
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errors = [...(fileError ? [fileError] : []), ...(fieldErrors?.csv ?? [])];
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="staff-csv" className="font-medium text-slate-800">
          {t("fileLabel")}
        </label>
        <input
          id="staff-csv"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="staff-csv-error"
          className="min-h-11"
        />
        <FieldErrors id="staff-csv-error" errors={errors.length > 0 ? errors : undefined} />
      </div>
      <div>
        <SubmitButton isPending={isPending} pendingText={t("importing")}>
          {t("importSubmit")}
        </SubmitButton>
      </div>
      {state?.ok ? (
        <div aria-live="polite" data-testid="staff-import-report">
          <Notice tone={state.data.rejected.length > 0 ? "warning" : "success"}>
            <p>
              {t("importReport", {
                created: state.data.created,
                unchanged: state.data.unchanged,
                rejected: state.data.rejected.length,
              })}
            </p>
            {state.data.rejected.length > 0 ? (
              <ul className="mt-2 list-disc pl-5">
                {state.data.rejected.map((r) => (
                  <li key={r.line}>{t("importLine", { line: r.line, reason: r.reason })}</li>
                ))}
              </ul>
            ) : null}
          </Notice>
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </form>
  );
}
