"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { useServerWords } from "@/components/ui/use-server-words";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { verifyTextToPayDobAction } from "@/lib/text-to-pay/actions";

/** The date of birth a text-to-pay link asks for once it is past its first day. */
export function TextLinkDobForm() {
  const t = useTranslations("TextLink");
  const form = useActionForm(verifyTextToPayDobAction, null);
  const { isPending, formProps } = form;
  // The action answers in English; what the portal knows of it is said in the reader's language.
  const state = useServerWords().failure(form.state);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField
        label={t("dob")}
        name="dob"
        type="date"
        autoComplete="bday"
        required
        errors={fieldErrors?.dob}
      />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
