"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { updatePostingSettingsAction } from "@/lib/exports/actions";
import type { TPostingSettingsForm } from "@/lib/exports/queries";
import type { FormState } from "@/lib/result";

const FORMATS = [
  ["imdpa-1.0", "IMDPA 1.0"],
  ["imdpa-1.1", "IMDPA 1.1"],
  ["imdpa-1.2", "IMDPA 1.2"],
  ["imdpa-1.3", "IMDPA 1.3"],
  ["imdpa-1.4", "IMDPA 1.4"],
  ["x12-835", "X12 835 (005010X221A1)"],
  ["lockbox-a", "Lockbox A"],
  ["deposit", "Payment deposit file (IMPDF10)"],
] as const;

/** The practice's end-of-day posting settings (admins): formats, cut-off, identifiers. */
export function PostingSettingsForm({ saved }: { saved: TPostingSettingsForm }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<{ savedAt: string }>>(
    updatePostingSettingsAction,
    null,
  );
  const t = useTranslations("StaffPostingSettings");
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <fieldset className="flex flex-col gap-1" aria-describedby="formats-error">
        <legend className="font-medium text-slate-800">{t("formats")}</legend>
        {FORMATS.map(([value, label]) => (
          <label key={value} className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              name="formats"
              value={value}
              defaultChecked={saved.formats.includes(value)}
              className="h-5 w-5"
            />
            {label}
          </label>
        ))}
        <FieldErrors id="formats-error" errors={fieldErrors?.formats} />
      </fieldset>
      <TextField
        label={t("cutoff")}
        name="cutoff"
        defaultValue={saved.cutoff}
        hint={t("cutoffHint")}
        errors={fieldErrors?.cutoff}
        inputMode="numeric"
      />
      <TextField
        label={t("merchantId")}
        name="merchantId"
        defaultValue={saved.merchantId}
        errors={fieldErrors?.merchantId}
      />
      <TextField
        label={t("storeId")}
        name="storeId"
        defaultValue={saved.storeId}
        errors={fieldErrors?.storeId}
      />
      <TextField
        label={t("terminalId")}
        name="terminalId"
        defaultValue={saved.terminalId}
        errors={fieldErrors?.terminalId}
      />
      <TextField
        label={t("lockboxNumber")}
        name="lockboxNumber"
        defaultValue={saved.lockboxNumber}
        hint={t("lockboxHint")}
        errors={fieldErrors?.lockboxNumber}
        inputMode="numeric"
      />
      <TextField
        label={t("x12SenderId")}
        name="x12SenderId"
        defaultValue={saved.x12SenderId}
        hint={t("x12IdHint")}
        errors={fieldErrors?.x12SenderId}
      />
      <TextField
        label={t("x12ReceiverId")}
        name="x12ReceiverId"
        defaultValue={saved.x12ReceiverId}
        hint={t("x12IdHint")}
        errors={fieldErrors?.x12ReceiverId}
      />
      <TextField
        label={t("x12Account")}
        name="x12Account"
        defaultValue={saved.x12Account}
        hint={t("x12AccountHint")}
        errors={fieldErrors?.x12Account}
      />
      <div>
        <SubmitButton isPending={isPending} pendingText={t("saving")}>
          {t("save")}
        </SubmitButton>
      </div>
      <ResultMessage state={state} success={<p>{t("saved")}</p>} />
    </form>
  );
}
