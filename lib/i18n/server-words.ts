import { declineCodeOf, declineMessage } from "@/lib/gateway/decline-messages";
import type { TLocale } from "@/lib/locale";
import type { TErrorCode, TFieldErrors } from "@/lib/result";
import en from "@/messages/en/errors.json";

/** A key of `ServerErrors` (messages/<locale>/errors.json): words a server action says in English. */
export type TServerWordsKey = keyof typeof en.ServerErrors;

/** Says a `ServerErrors` message with its values in the reader's language (next-intl's `t`). */
export type TSayServerWords = (key: TServerWordsKey, values: Record<string, string>) => string;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each English message as a pattern: its text as is, each {placeholder} any text. */
const PATTERNS = Object.entries(en.ServerErrors).map(([key, template]) => {
  const names: string[] = [];
  const source = template
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? (names.push(part), "(.+?)") : escapeRegExp(part)))
    .join("");
  return { key: key as TServerWordsKey, pattern: new RegExp(`^${source}$`, "s"), names };
});

/**
 * Which `ServerErrors` message an action's English words are, with the values in them ("Statement
 * ST-1001 was just paid…" → `justPaid`, `{ number: "ST-1001" }`); null for words it does not know.
 */
export const findServerWords = (message: string) => {
  for (const { key, pattern, names } of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return { key, values: Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])) };
  }
  return null;
};

/**
 * An action's failure in the reader's language: a decline through `declineMessage` (by the
 * decline its words tell of), every other message and field error it knows through `say`; words
 * it does not know stay as the action gave them.
 */
export const translateFailure = <T extends { code: TErrorCode; message: string; fieldErrors?: TFieldErrors }>(
  failure: T,
  { locale, say }: { locale: TLocale; say: TSayServerWords },
): T => {
  const words = (message: string) => {
    const found = findServerWords(message);
    return found ? say(found.key, found.values) : message;
  };
  const decline = failure.code === "CARD_DECLINED" ? declineCodeOf(failure.message) : null;
  return {
    ...failure,
    message:
      failure.code === "CARD_DECLINED" && decline ? declineMessage(decline, locale) : words(failure.message),
    ...(failure.fieldErrors
      ? {
          fieldErrors: Object.fromEntries(
            Object.entries(failure.fieldErrors).map(([field, messages]) => [field, messages?.map(words)]),
          ),
        }
      : {}),
  };
};
