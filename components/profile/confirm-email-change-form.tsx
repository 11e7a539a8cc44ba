"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useShownState } from "@/components/ui/use-server-words";
import { confirmEmailChangeAction } from "@/lib/profile/actions";

/**
 * The button on the page an email-change link opens: opening the link alone changes nothing.
 * The action's English words are said in the reader's language (useShownState).
 */
export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const t = useTranslations("ConfirmEmailChange");
  const form = useActionForm(confirmEmailChangeAction, null);
  const { isPending, formProps } = form;
  const { state } = useShownState(form);
  if (state?.ok) {
    return (
      <div role="status">
        <Notice tone="success">
          <p>
            {t.rich("changed", {
              email: state.data.email,
              strong: (chunks) => <strong className="break-all">{chunks}</strong>,
            })}
          </p>
          <Link href="/profile/email" className="font-semibold underline">
            {t("goToProfile")}
          </Link>
        </Notice>
      </div>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage
        state={
          state && !state.ok && state.fieldErrors?.token ? { ok: false, message: t("incompleteForm") } : state
        }
      />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton isPending={isPending} pendingText={t("pending")}>
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
