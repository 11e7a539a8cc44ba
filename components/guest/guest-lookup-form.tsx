"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { StatementProofFields } from "@/components/guest/statement-proof-fields";
import { guestLookupAction } from "@/lib/guest/actions";

export function GuestLookupForm() {
  const t = useTranslations("GuestLookup");
  const { state, isPending, fieldErrors, formProps } = useActionForm(guestLookupAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <StatementProofFields errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
