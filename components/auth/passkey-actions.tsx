"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { removePasskeyAction, renamePasskeyAction } from "@/lib/auth/mfa/passkey-actions";
import { PASSKEY_NAME_MAX } from "@/lib/auth/mfa/schemas";
import { useTranslatedForm } from "@/components/profile/use-translated-form";

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
  const t = useTranslations("Passkeys");
  const rename = useTranslatedForm(useActionForm(renamePasskeyAction, null));
  const remove = useTranslatedForm(useActionForm(removePasskeyAction, null));
  return (
    <div className="flex flex-col gap-3">
      <form {...rename.formProps} className="flex flex-wrap items-end gap-2" noValidate>
        <input type="hidden" name="passkeyId" value={passkeyId} />
        <TextField
          label={t("newName", { name })}
          name="name"
          defaultValue={name}
          hint={t("newNameHint", { max: PASSKEY_NAME_MAX })}
          autoComplete="off"
          required
          errors={rename.fieldErrors?.name}
        />
        <SubmitButton isPending={rename.isPending} pendingText={t("saving")} variant="secondary">
          {t("rename", { name })}
        </SubmitButton>
      </form>
      <div aria-live="polite">
        {rename.state?.ok ? (
          <Notice tone="success">{t("renamed", { name: rename.state.data.name })}</Notice>
        ) : null}
      </div>
      {rename.state && !rename.state.ok && !rename.fieldErrors?.name ? (
        <FormMessage state={rename.state} />
      ) : null}
      <form {...remove.formProps}>
        <input type="hidden" name="passkeyId" value={passkeyId} />
        <SubmitButton isPending={remove.isPending} pendingText={t("removing")} variant="danger">
          {t("remove", { name })}
        </SubmitButton>
      </form>
      <FormMessage state={remove.state} />
      {remove.state && !remove.state.ok && remove.state.code === "STEP_UP_REQUIRED" ? (
        <Link
          href={`/mfa?callbackUrl=${encodeURIComponent(returnTo)}`}
          className="text-brand-700 font-semibold underline"
        >
          {t("confirmItsYou")}
        </Link>
      ) : null}
    </div>
  );
}
