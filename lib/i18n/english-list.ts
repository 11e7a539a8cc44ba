/**
 * How a server message joins a list of things in English ("the payment plan for account A-1 and
 * autopay for account A-2"): lib/i18n/server-words.ts splits such a list on it to say each thing
 * again in the reader's language, and joins them as that language does.
 */
export const ENGLISH_LIST_JOIN = " and ";
