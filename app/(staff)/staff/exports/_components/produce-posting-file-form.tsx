"use client";

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
  const what = `The ${result.formatName} file of ${result.businessDay} (${result.fileName})`;
  switch (result.outcome) {
    case "queued":
      return (
        <Notice tone="success">
          <p>
            {what} is being produced. Its progress is shown in the list of posting files below, then its
            download link.
          </p>
        </Notice>
      );
    case "existing":
      return (
        <Notice tone="info">
          <p>
            {what} was already written ({result.rowCount} {result.rowCount === 1 ? "record" : "records"}); no
            second file was made.
          </p>
          <a
            href={`/staff/exports/posting/${result.fileId}/download`}
            className={`${buttonClass("secondary")} mt-2`}
            download
          >
            Download {result.fileName}
          </a>
        </Notice>
      );
    case "in-progress":
      return (
        <Notice tone="info">
          <p>
            {what} is being produced already; no second file was made. Its progress is shown in the list of
            posting files below.
          </p>
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
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-4">
        <TextField
          label="Business day"
          name="businessDay"
          type="date"
          defaultValue={lastClosedDay}
          required
          errors={fieldErrors?.businessDay}
        />
        <SelectField
          label="Format"
          name="format"
          options={formats.map((f) => [f, f] as const)}
          errors={fieldErrors?.format}
        />
      </div>
      <div>
        <SubmitButton isPending={isPending} pendingText="Asking…">
          Produce the day&apos;s posting file
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? <Outcome result={state.data} /> : null}
      </div>
    </form>
  );
}
