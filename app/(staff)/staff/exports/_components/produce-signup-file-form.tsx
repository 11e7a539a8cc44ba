"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Radio } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { produceSignupFileAction } from "@/lib/exports/actions";
import type { TProduceSignupFileOutcome as TResult } from "@/lib/exports/schemas";
import type { FormState } from "@/lib/result";

/** What happened, in words, with the file to download when there is one. */
function Outcome({ result }: { result: TResult }) {
  const t = useTranslations("StaffSignupFile");
  const what = t(result.mode === "FULL" ? "whatFull" : "whatDelta");
  const download = result.isReady ? (
    <a
      href={`/staff/exports/${result.fileId}/download`}
      className={`${buttonClass("secondary")} mt-2`}
      download
    >
      {t("download", { fileName: result.fileName })}
    </a>
  ) : null;
  switch (result.outcome) {
    case "queued":
      return (
        <Notice tone="success">
          <p>{t("queued", { what, fileName: result.fileName })}</p>
        </Notice>
      );
    case "existing":
      return (
        <Notice tone="info">
          <p>
            {t("existing", {
              what,
              fileName: result.fileName,
              count: result.rowCount,
              n: String(result.rowCount),
            })}
          </p>
          {download}
        </Notice>
      );
    case "in-progress":
      return (
        <Notice tone="info">
          <p>{t("inProgress", { what, fileName: result.fileName })}</p>
        </Notice>
      );
    case "covered":
      return (
        <Notice tone="warning">
          <p>{t("covered")}</p>
        </Notice>
      );
  }
}

/** Produce today's sign-up file now: the practice's mode is offered first. */
export function ProduceSignupFileForm({ defaultMode }: { defaultMode: "FULL" | "DELTA" }) {
  const { state, isPending, formProps } = useActionForm<FormState<TResult>>(produceSignupFileAction, null);
  const t = useTranslations("StaffSignupFile");
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium text-slate-800">{t("kind")}</legend>
        <Radio name="mode" value="FULL" defaultChecked={defaultMode === "FULL"}>
          {t("full")}
        </Radio>
        <Radio name="mode" value="DELTA" defaultChecked={defaultMode === "DELTA"}>
          {t("delta")}
        </Radio>
      </fieldset>
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
