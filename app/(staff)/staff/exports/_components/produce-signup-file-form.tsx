"use client";

import { SubmitButton } from "@/components/ui/button";
import { Radio } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { produceSignupFileAction } from "@/lib/exports/actions";
import type { TProduceSignupFileOutcome as TResult } from "@/lib/exports/schemas";
import type { FormState } from "@/lib/result";

const MODE_LABEL = { FULL: "full", DELTA: "delta" } as const;

/** What happened, in words, with the file to download when there is one. */
function Outcome({ result }: { result: TResult }) {
  const what = `Today's ${MODE_LABEL[result.mode]} file`;
  const download = result.isReady ? (
    <a
      href={`/staff/exports/${result.fileId}/download`}
      className={`${buttonClass("secondary")} mt-2`}
      download
    >
      Download {result.fileName}
    </a>
  ) : null;
  switch (result.outcome) {
    case "queued":
      return (
        <Notice tone="success">
          <p>
            {what} ({result.fileName}) is being produced. Its progress is shown in the list of sign-up files
            below, then its download link.
          </p>
        </Notice>
      );
    case "existing":
      return (
        <Notice tone="info">
          <p>
            {what} was already produced ({result.fileName}, {result.rowCount}{" "}
            {result.rowCount === 1 ? "row" : "rows"}); no second file was made.
          </p>
          {download}
        </Notice>
      );
    case "in-progress":
      return (
        <Notice tone="info">
          <p>
            {what} ({result.fileName}) is being produced right now; no second file was made. Its progress is
            shown in the list of sign-up files below.
          </p>
        </Notice>
      );
    case "covered":
      return (
        <Notice tone="warning">
          <p>A delta for a later day already covers today&apos;s changes, so no file was made for today.</p>
        </Notice>
      );
  }
}

/** Produce today's sign-up file now: the practice's mode is offered first. */
export function ProduceSignupFileForm({ defaultMode }: { defaultMode: "FULL" | "DELTA" }) {
  const { state, isPending, formProps } = useActionForm<FormState<TResult>>(produceSignupFileAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium text-slate-800">Kind of file</legend>
        <Radio name="mode" value="FULL" defaultChecked={defaultMode === "FULL"}>
          Full: every account that is or was on autopay
        </Radio>
        <Radio name="mode" value="DELTA" defaultChecked={defaultMode === "DELTA"}>
          Delta: only the accounts whose autopay changed since the last delta
        </Radio>
      </fieldset>
      <div>
        <SubmitButton isPending={isPending} pendingText="Asking…">
          Produce today&apos;s file
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? <Outcome result={state.data} /> : null}
      </div>
    </form>
  );
}
