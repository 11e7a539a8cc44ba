"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";
import type { FormState } from "@/lib/result";

/** Revokes one key: from the next request on, it is refused. */
export function RevokeApiKeyForm({
  apiKeyId,
  name,
  prefix,
}: {
  apiKeyId: string;
  name: string;
  prefix: string;
}) {
  const t = useTranslations("StaffApiKeys");
  const { state, isPending, formProps } = useActionForm<FormState<{ name: string; prefix: string }>>(
    revokeApiKeyAction,
    null,
  );
  return (
    <form
      {...formProps}
      onSubmit={(event) => {
        if (!window.confirm(t("confirmRevoke", { name, prefix }))) {
          event.preventDefault();
          return;
        }
        formProps.onSubmit(event);
      }}
      className="flex flex-col gap-1"
    >
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      <span>{t("active")}</span>
      <div>
        <SubmitButton isPending={isPending} pendingText={t("revoking")} variant="secondary">
          <span>
            {t("revoke")}
            <span className="sr-only"> {name}</span>
          </span>
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
