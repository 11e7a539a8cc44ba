"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { unlinkAccountAction } from "@/lib/profile/actions";
import { useTranslatedForm } from "@/components/profile/use-translated-form";

/** The confirmation of an unlink; on success the action sends the browser back to the list. */
export function UnlinkAccountForm({ linkId, accountNumber }: { linkId: string; accountNumber: string }) {
  const t = useTranslations("ProfileAccounts");
  const { state, isPending, formProps } = useTranslatedForm(useActionForm(unlinkAccountAction, null));
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="linkId" value={linkId} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton variant="danger" isPending={isPending} pendingText={t("unlinking")}>
          {t("confirmUnlink", { number: accountNumber })}
        </SubmitButton>
        <Link href="/profile/accounts" className={buttonClass("secondary")}>
          {t("keep")}
        </Link>
      </div>
    </form>
  );
}
