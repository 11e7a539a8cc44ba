"use client";

import { useTranslations } from "next-intl";
import { ACCESS_ERRORS, type TAccessErrorKey } from "@/lib/access/messages";
import { PROFILE_ERRORS, type TProfileErrorKey } from "@/lib/profile/messages";
import type { FormState, TFieldErrors } from "@/lib/result";
import { useServerWords } from "@/components/ui/use-server-words";

const keysByEnglish = <TKey extends string>(english: Record<TKey, string>) =>
  new Map(Object.entries(english).map(([key, message]) => [message as string, key as TKey]));

const PROFILE_KEYS = keysByEnglish(PROFILE_ERRORS);
const ACCESS_KEYS = keysByEnglish(ACCESS_ERRORS);

/** "Something went wrong on our side. Please try again (reference 1a2b3c4d)." */
const UNKNOWN = /^Something went wrong on our side\. Please try again \(reference (\w+)\)\.$/;

/**
 * The actions answer in English (lib/profile/messages.ts, lib/access/messages.ts hold those
 * words by a key); this says what it knows in the reader's language, the form's message and
 * each field's; the rest goes to `useServerWords` (a message naming an account or an address, a
 * passkey's errors), which leaves what it does not know as the server wrote it. Takes and returns
 * what useActionForm returns.
 */
export function useTranslatedForm<
  TData,
  TForm extends { state: FormState<TData>; fieldErrors?: TFieldErrors },
>(form: TForm): TForm {
  const tProfile = useTranslations("ProfileErrors");
  const tAccess = useTranslations("SharingErrors");
  const serverWords = useServerWords();
  const say = (message: string) => {
    const profileKey = PROFILE_KEYS.get(message);
    if (profileKey) return tProfile(profileKey satisfies TProfileErrorKey);
    const accessKey = ACCESS_KEYS.get(message);
    if (accessKey) return tAccess(accessKey satisfies TAccessErrorKey);
    const reference = UNKNOWN.exec(message)?.[1];
    return reference ? tProfile("unknown", { reference }) : serverWords.say(message);
  };
  const { state } = form;
  if (!state || state.ok) return form;
  const fieldErrors = state.fieldErrors
    ? Object.fromEntries(
        Object.entries(state.fieldErrors).map(([field, messages]) => [field, messages?.map(say)]),
      )
    : undefined;
  return { ...form, state: { ...state, message: say(state.message), fieldErrors }, fieldErrors };
}
