"use client";

import Link from "next/link";
import { NewPasswordFields } from "@/components/auth/account-fields";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { acceptStaffInvitationAction } from "@/lib/staff-users/actions";

/** The invitee chooses their password (the portal's rules), then signs in. */
export function AcceptInvitationForm({ token }: { token: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(acceptStaffInvitationAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        <p>Your password is set. Sign in with {state.data.email}.</p>
        <Link href="/login" className="font-semibold underline">
          Sign in
        </Link>
      </Notice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText="Saving…">
        Set my password
      </SubmitButton>
    </form>
  );
}
