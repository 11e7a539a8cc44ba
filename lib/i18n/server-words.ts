import { declineCodeOf, declineMessage } from "@/lib/gateway/decline-messages";
import { reformatEnglishInstant } from "@/lib/dates";
import { INTL_LOCALES, type TLocale } from "@/lib/locale";
import { ENGLISH_LIST_JOIN } from "@/lib/i18n/english-list";
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

/** Says a value found in an English message in the reader's language; null when it cannot. */
type TValueSayer = (value: string, reader: { locale: TLocale; say: TSayServerWords }) => string | null;

/** A list of places ("the payment plan for account A-1 and autopay for account A-2"), each said again. */
const sayPlaces: TValueSayer = (value, { locale, say }) => {
  const places = value.split(ENGLISH_LIST_JOIN).map((place) => {
    const found = findServerWords(place);
    return found && (found.key === "methodPaysPlan" || found.key === "methodPaysAutopay")
      ? say(found.key, found.values)
      : null;
  });
  return places.every((place) => place !== null)
    ? new Intl.ListFormat(INTL_LOCALES[locale], { type: "conjunction" }).format(places)
    : null;
};

/**
 * The values that are not said as they are: a time (said again in the reader's language, at the
 * same wall-clock time, so in the zone the English named) and words of their own (a list of
 * places). Every other value (a statement or account number, an amount, an address) stays as is.
 */
const VALUE_SAYERS: Partial<Record<TServerWordsKey, Record<string, TValueSayer>>> = {
  lookupLocked: { time: (value, { locale }) => reformatEnglishInstant(value, INTL_LOCALES[locale]) },
  methodInUse: { places: sayPlaces },
};

/**
 * English words an action gave, in the reader's language: a `ServerErrors` message with its
 * values, each value said again where it is a time or words (`VALUE_SAYERS`). Words it does not
 * know, or a value it cannot say again, leave the message as the action gave it (never half
 * English).
 */
export const sayServerWords = (message: string, reader: { locale: TLocale; say: TSayServerWords }) => {
  const found = findServerWords(message);
  if (!found) return message;
  const sayers = VALUE_SAYERS[found.key] ?? {};
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(found.values)) {
    const said = sayers[name] ? sayers[name](value, reader) : value;
    if (said === null) return message;
    values[name] = said;
  }
  return reader.say(found.key, values);
};

/**
 * An action's failure in the reader's language: a decline through `declineMessage` (by the
 * decline its words tell of), every other message and field error through `sayServerWords`.
 */
export const translateFailure = <T extends { code: TErrorCode; message: string; fieldErrors?: TFieldErrors }>(
  failure: T,
  { locale, say }: { locale: TLocale; say: TSayServerWords },
): T => {
  const words = (message: string) => sayServerWords(message, { locale, say });
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
