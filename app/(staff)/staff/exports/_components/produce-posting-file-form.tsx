"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { producePostingFileAction } from "@/lib/exports/actions";
import type { TProducePostingFileOutcome as TResult } from "@/lib/exports/schemas";
import type { FormState } from "@/lib/result";

/** What happened, in words, with the file to download when it was already written. */
function Outcome({ result }: { result: TResult }) {
  const t = useTranslations("StaffPostingFile");
  const what = t("what", {
    format: result.formatName,
    day: result.businessDay,
    fileName: result.fileName,
  });
  switch (result.outcome) {
    case "queued":
      return (
        <Notice tone="success">
          <p>{t("queued", { what })}</p>
        </Notice>
      );
    case "existing":
      return (
        <Notice tone="info">
          <p>{t("existing", { what, count: result.rowCount, n: String(result.rowCount) })}</p>
          <a
            href={`/staff/exports/posting/${result.fileId}/download`}
            className={`${buttonClass("secondary")} mt-2`}
            download
          >
            {t("download", { fileName: result.fileName })}
          </a>
        </Notice>
      );
    case "in-progress":
      return (
        <Notice tone="info">
          <p>{t("inProgress", { what })}</p>
        </Notice>
      );
  }
}

/** Produce a closed business day's posting file now, in one of the practice's formats. */
export function ProducePostingFileForm({
  formats,
  lastClosedDay,
}: {
  /** The practice's formats, by name (`imdpa-1.4`). */
  formats: readonly string[];
  /** YYYY-MM-DD: offered first (a later day is refused by the action, with the reason). */
  lastClosedDay: string;
}) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<TResult>>(
    producePostingFileAction,
    null,
  );
  const t = useTranslations("StaffPostingFile");
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-4">
        <TextField
          label={t("businessDay")}
          name="businessDay"
          type="date"
          defaultValue={lastClosedDay}
          required
          errors={fieldErrors?.businessDay}
        />
        <SelectField
          label={t("format")}
          name="format"
          options={formats.map((f) => [f, f] as const)}
          errors={fieldErrors?.format}
        />
      </div>
      <div>
        <SubmitButton isPending={isPending} pendingText={t("asking")}>
          {t("submit")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? <Outcome result={state.data} /> : null}
      </div>
    </form>
  );
}
