import type { TMessages } from "@/lib/i18n/messages";

/**
 * The namespaces that client components read (`useTranslations` in a "use client" module or in
 * one it imports). Only these can go to the browser, and each page sends only those its own
 * client components read (`withMessages`, components/i18n/messages-for.tsx): every other message
 * stays on the server, where server components read it without shipping it in the page's
 * payload. lib/i18n/client-messages.test.ts fails when a client component reads a namespace
 * missing here, or a page's list lacks one its client components read.
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

export type TClientNamespace = (typeof CLIENT_NAMESPACES)[number];

/**
 * What the root layout sends every page: the error page's words (app/error.tsx renders inside the
 * root layout). All of the client messages were 38 KB of JSON in every page's payload, a quarter
 * of the CPU of rendering the sign-in page (bench/RESULTS.md); a page adds its own.
 */
export const ROOT_CLIENT_NAMESPACES = ["ErrorPage"] as const satisfies readonly TClientNamespace[];

/** `namespaces` of a locale's messages, for a provider: the client ones, or the staff console's. */
export const pickMessages = (messages: TMessages, namespaces: readonly (keyof TMessages)[]) =>
  Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
