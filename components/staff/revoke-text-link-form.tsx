"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { revokeTextLinkAction } from "@/lib/text-to-pay/staff-actions";

/** Revokes one text-to-pay link, once confirmed: from then on it opens nothing. */
export function RevokeTextLinkForm({ linkId, statementNumber }: { linkId: string; statementNumber: string }) {
  const t = useTranslations("StaffTextLinks");
  const { state, isPending, formProps } = useActionForm(revokeTextLinkAction, null);
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        if (!window.confirm(t("confirm", { number: statementNumber }))) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
      className="flex flex-col gap-1"
    >
      <input type="hidden" name="linkId" value={linkId} />
      <div>
        <SubmitButton isPending={isPending} pendingText={t("revoking")} variant="danger">
          <span>
            {t("revoke")}
            <span className="sr-only">{t("revokeWhich", { number: statementNumber })}</span>
          </span>
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
