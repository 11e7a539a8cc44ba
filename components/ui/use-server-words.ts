"use client";

import { useLocale, useTranslations } from "next-intl";
import { sayServerWords, translateFailure, type TSayServerWords } from "@/lib/i18n/server-words";
import type { FormState, TFieldErrors } from "@/lib/result";

/**
 * Server actions answer in English; a form shows their words in the reader's language with this
 * (docs/i18n.md, "Errors from the server"): `say` for one message, `failure` for a whole
 * ActionResult (its message, a decline's reason and its field errors).
 */
export const useServerWords = () => {
  const t = useTranslations("ServerErrors");
  const locale = useLocale();
  const sayKey = ((key, values) => t(key, values as never)) as TSayServerWords;
  const say = (message: string) => sayServerWords(message, { locale, say: sayKey });
  const failure = <T>(state: FormState<T>): FormState<T> =>
    state && !state.ok ? translateFailure(state, { locale, say: sayKey }) : state;
  return { say, failure };
};

/** A form's state and field errors (useActionForm's) in the reader's language: the actions answer in English. */
export const useShownState = <T>(form: { state: FormState<T>; fieldErrors?: TFieldErrors }) => {
  const words = useServerWords();
  const state = words.failure(form.state);
  return { state, fieldErrors: state && !state.ok ? state.fieldErrors : undefined };
};
