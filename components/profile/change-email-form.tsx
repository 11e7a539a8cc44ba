"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { cancelEmailChangeAction, requestEmailChangeAction } from "@/lib/profile/actions";

/** Asks for a new login email; the change happens when the link sent to it is confirmed. */
export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  // The password is not kept in the form after it did its job.
  const form = useActionForm(requestEmailChangeAction, null, { isResetOnSuccess: true });
  return (
    <ProfileForm
      form={form}
      submit="Send confirmation link"
      pendingText="Sending…"
      success={(data) => (
        <>
          We sent a link to <strong className="break-all">{data.newEmail}</strong>. Open it and press the
          button on the page it opens to finish. Until then you keep signing in with{" "}
          <strong className="break-all">{currentEmail}</strong>, where we sent a note about this request.
        </>
      )}
    >
      <TextField
        label="New email address"
        name="newEmail"
        type="email"
        autoComplete="email"
        spellCheck={false}
        required
        errors={form.fieldErrors?.newEmail}
      />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        hint="To make sure it is you."
        required
        errors={form.fieldErrors?.currentPassword}
      />
    </ProfileForm>
  );
}

export function CancelEmailChangeForm() {
  const { state, isPending, formProps } = useActionForm(cancelEmailChangeAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <FormMessage state={state} />
      <div>
        <SubmitButton variant="secondary" isPending={isPending} pendingText="Cancelling…">
          Cancel this change
        </SubmitButton>
      </div>
    </form>
  );
}
