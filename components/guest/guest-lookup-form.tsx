"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { StatementProofFields } from "@/components/guest/statement-proof-fields";
import { guestLookupAction } from "@/lib/guest/actions";

export function GuestLookupForm() {
  const [state, action] = useActionState(guestLookupAction, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <StatementProofFields errors={state && !state.ok ? state.fieldErrors : undefined} />
      <SubmitButton pendingText="Looking up…">Find my statement</SubmitButton>
    </form>
  );
}
