"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { useServerWords } from "@/components/ui/use-server-words";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { StatementProofFields } from "@/components/guest/statement-proof-fields";
import { guestLookupAction } from "@/lib/guest/actions";
import { PROOF_FIELD_MESSAGES } from "@/lib/guest/schemas";
import type { TFieldErrors } from "@/lib/result";

const FIELD_MESSAGE_KEYS = new Map<string, keyof typeof PROOF_FIELD_MESSAGES>(
  Object.entries(PROOF_FIELD_MESSAGES).map(([field, message]) => [
    message,
    field as keyof typeof PROOF_FIELD_MESSAGES,
  ]),
);

export function GuestLookupForm() {
  const t = useTranslations("GuestLookup");
  const { state, isPending, fieldErrors, formProps } = useActionForm(guestLookupAction, null);
  const serverWords = useServerWords();
  // The action answers in English; this form says it in the reader's language: its own words,
  // and a lockout's (with the time it ends) through the server's words.
  const shown =
    state && !state.ok
      ? {
          ...state,
          message:
            state.code === "VALIDATION"
              ? t("errors.correctFields")
              : state.code === "NOT_FOUND"
                ? t("errors.noMatch")
                : serverWords.say(state.message),
        }
      : state;
  const errors: TFieldErrors | undefined = fieldErrors
    ? Object.fromEntries(
        Object.entries(fieldErrors).map(([field, messages]) => [
          field,
          messages?.map((m) => {
            const key = FIELD_MESSAGE_KEYS.get(m);
            return key ? t(`errors.${key}`) : m;
          }),
        ]),
      )
    : undefined;
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={shown} />
      <StatementProofFields errors={errors} />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
