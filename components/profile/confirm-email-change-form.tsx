"use client";

import Link from "next/link";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { confirmEmailChangeAction } from "@/lib/profile/actions";

/** The button on the page an email-change link opens: opening the link alone changes nothing. */
export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const { state, isPending, formProps } = useActionForm(confirmEmailChangeAction, null);
  if (state?.ok) {
    return (
      <div role="status">
        <Notice tone="success">
          <p>
            The email of your login is now <strong className="break-all">{state.data.email}</strong>. Sign in
            with it from now on.
          </p>
          <Link href="/profile/email" className="font-semibold underline">
            Go to your profile
          </Link>
        </Notice>
      </div>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage
        state={
          state && !state.ok && state.fieldErrors?.token
            ? {
                ok: false,
                message: "This link is incomplete. Open it again from the email, or ask for a new one.",
              }
            : state
        }
      />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton isPending={isPending} pendingText="Confirming…">
          Confirm my new email address
        </SubmitButton>
      </div>
    </form>
  );
}
