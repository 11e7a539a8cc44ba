import { ENGLISH_LIST_JOIN } from "@/lib/i18n/english-list";

/**
 * Why a saved method cannot be removed yet, in English as the server says it: the plans and
 * autopay enrolments it still pays, each named by its account, joined with "and". The wallet
 * finds these among `ServerErrors` and says them again, place by place, in the reader's language
 * (lib/i18n/server-words.ts). Safe for the browser.
 */
export const METHOD_IN_USE_MESSAGES = {
  methodInUse: (places: string) =>
    `This method pays ${places}. Choose another method there first, then remove this one.`,
  methodPaysPlan: (accountNumber: string) => `the payment plan for account ${accountNumber}`,
  methodPaysAutopay: (accountNumber: string) => `autopay for account ${accountNumber}`,
} as const;

/** The words of a method that still pays these plans' and enrolments' accounts. */
export const methodInUseMessage = ({
  planAccounts,
  autopayAccounts,
}: {
  planAccounts: string[];
  autopayAccounts: string[];
}) =>
  METHOD_IN_USE_MESSAGES.methodInUse(
    [
      ...planAccounts.map((account) => METHOD_IN_USE_MESSAGES.methodPaysPlan(account)),
      ...autopayAccounts.map((account) => METHOD_IN_USE_MESSAGES.methodPaysAutopay(account)),
    ].join(ENGLISH_LIST_JOIN),
  );

/** The name on a new card or bank account: too long (the hosted fields take 100 characters). */
export const HOLDER_NAME_TOO_LONG = "Keep the name to 100 characters.";
