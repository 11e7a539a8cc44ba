"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useShownState } from "@/components/ui/use-server-words";
import { acceptInvitationAction } from "@/lib/access/actions";

/**
 * The invitee's button on the invitation page: spends the link and adds the account to their
 * portal. In the reader's language, the action's English words too (useShownState).
 */
export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("AccountInvitation");
  const form = useActionForm(acceptInvitationAction, null);
  const { isPending, formProps } = form;
  const { state } = useShownState(form);
  if (state?.ok) {
    return (
      <div role="status" className="flex flex-col gap-4">
        <Notice tone="success">
          {t("accepted", {
            ability: t(`ability.${state.data.scope}`),
            guarantor: state.data.guarantorName,
          })}
        </Notice>
        <div>
          <Link href="/bills" className={buttonClass("primary")}>
            {t("goToBills")}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton isPending={isPending} pendingText={t("accepting")}>
          {t("accept")}
        </SubmitButton>
      </div>
    </form>
  );
}
