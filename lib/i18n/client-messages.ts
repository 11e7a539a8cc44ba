import type { TMessages } from "@/lib/i18n/messages";

/**
 * The namespaces that client components read (`useTranslations` in a "use client" module or in
 * one it imports). Only these go to the browser: the root layout's `NextIntlClientProvider`
 * passes them, and every other message stays on the server, where server components read it
 * without shipping it in each page's payload. lib/i18n/client-messages.test.ts fails when a
 * client component reads a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "AccountFields",
  "ErrorPage",
  "ForgotPassword",
  "GuestLookup",
  "GuestStatement",
  "HostedFields",
  "Login",
  "NewMethod",
  "PayForm",
  "PayReview",
  "Receipt",
  "ResetPassword",
  "ServerErrors",
  "SignUp",
  "StatementProof",
  "TextLink",
  "VerifyEmail",
  "WalletButtons",
  "Profile",
  "ProfileDetails",
  "ProfileEmail",
  "ProfilePassword",
  "ProfilePreferences",
  "ProfileAccounts",
  "ProfileErrors",
  "Passkeys",
  "Sharing",
  "AccessScopes",
  "SharingErrors",
  "PlanForm",
  "PlanWords",
  "PlanErrors",
  "PlanActions",
  "AutopayForm",
  "AutopayErrors",
  "AddMethod",
  "WalletMethod",
  "WalletErrors",
  "MfaForms",
  "ConfirmEmailChange",
  "AccountInvitation",
  "IdleSignOut",
] as const satisfies readonly (keyof TMessages)[];

/** The part of a locale's messages that the browser needs. */
export const clientMessages = (messages: TMessages) =>
  Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]])) as Pick<
    TMessages,
    (typeof CLIENT_NAMESPACES)[number]
  >;
