"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { endGuestSessionAction } from "@/lib/guest/actions";

export function EndGuestSessionButton() {
  const t = useTranslations("GuestStatement");
  const [, action] = useActionState(endGuestSessionAction, null);
  return (
    <form action={action}>
      <SubmitButton variant="secondary">{t("done")}</SubmitButton>
    </form>
  );
}
