"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateBrandColorAction } from "@/lib/branding/actions";
import type { FormState } from "@/lib/result";

/** The practice's email colour, as a hex code (settings.manage). */
export function BrandColorForm({ saved }: { saved: string }) {
  const t = useTranslations("StaffEmailAppearance");
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<{ brandColor: string }>>(
    updateBrandColorAction,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <TextField
        label={t("label")}
        name="brandColor"
        defaultValue={saved}
        hint={t("hint")}
        errors={fieldErrors?.brandColor}
        autoComplete="off"
        spellCheck={false}
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
