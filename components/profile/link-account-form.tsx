"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { StatementProofFields } from "@/components/guest/statement-proof-fields";
import { linkAccountAction } from "@/lib/accounts/actions";

export function LinkAccountForm() {
  const { state, isPending, formProps } = useActionForm(linkAccountAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      {state?.ok ? (
        <Notice tone="success">The account is linked. Its statements now appear under Bills.</Notice>
      ) : null}
      <FormMessage state={state} />
      <StatementProofFields errors={state && !state.ok ? state.fieldErrors : undefined} />
      <SubmitButton isPending={isPending} pendingText="Linking…">
        Link account
      </SubmitButton>
    </form>
  );
}
