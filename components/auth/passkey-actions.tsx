"use client";

import Link from "next/link";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { removePasskeyAction, renamePasskeyAction } from "@/lib/auth/mfa/passkey-actions";
import { PASSKEY_NAME_MAX } from "@/lib/auth/mfa/schemas";

/**
 * Rename and remove one passkey: two small forms, each naming the passkey it acts on (for
 * screen readers too). A removal refused for want of a fresh second factor links the step-up,
 * which comes back to `returnTo`.
 */
export function PasskeyActions({
  passkeyId,
  name,
  returnTo,
}: {
  passkeyId: string;
  name: string;
  returnTo: string;
}) {
  const rename = useActionForm(renamePasskeyAction, null);
  const remove = useActionForm(removePasskeyAction, null);
  return (
    <div className="flex flex-col gap-3">
      <form {...rename.formProps} className="flex flex-wrap items-end gap-2" noValidate>
        <input type="hidden" name="passkeyId" value={passkeyId} />
        <TextField
          label={`New name for ${name}`}
          name="name"
          defaultValue={name}
          hint={`Up to ${PASSKEY_NAME_MAX} characters, such as the device it is on`}
          autoComplete="off"
          required
          errors={rename.fieldErrors?.name}
        />
        <SubmitButton isPending={rename.isPending} pendingText="Saving…" variant="secondary">
          Rename {name}
        </SubmitButton>
      </form>
      <div aria-live="polite">
        {rename.state?.ok ? <Notice tone="success">Renamed to {rename.state.data.name}.</Notice> : null}
      </div>
      {rename.state && !rename.state.ok && !rename.fieldErrors?.name ? (
        <FormMessage state={rename.state} />
      ) : null}
      <form {...remove.formProps}>
        <input type="hidden" name="passkeyId" value={passkeyId} />
        <SubmitButton isPending={remove.isPending} pendingText="Removing…" variant="danger">
          Remove {name}
        </SubmitButton>
      </form>
      <FormMessage state={remove.state} />
      {remove.state && !remove.state.ok && remove.state.code === "STEP_UP_REQUIRED" ? (
        <Link
          href={`/mfa?callbackUrl=${encodeURIComponent(returnTo)}`}
          className="text-brand-700 font-semibold underline"
        >
          Confirm it&apos;s you
        </Link>
      ) : null}
    </div>
  );
}
