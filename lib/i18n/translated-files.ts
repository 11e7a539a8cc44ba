/**
 * The patient-facing files whose every word comes from messages/<locale>.json (or, outside
 * React, a strings object per language such as lib/receipts/strings.ts). The check in
 * lib/i18n/no-stray-english.test.ts fails when one of them has English written into its JSX.
 * Add a file here when you translate it (docs/i18n.md); docs/i18n.md lists what is not yet.
 */
export const TRANSLATED_FILES = [
  "app/layout.tsx",
  "app/page.tsx",
  "components/locale-switcher.tsx",
  "components/public-layout.tsx",
  "app/guest/layout.tsx",
  "app/guest/page.tsx",
  "components/guest/guest-lookup-form.tsx",
  "components/guest/statement-proof-fields.tsx",
  "app/guest/(session)/statement/page.tsx",
  "components/statements/statement-detail.tsx",
  "components/guest/end-guest-session-button.tsx",
  "app/guest/(session)/pay/page.tsx",
  "app/receipts/layout.tsx",
  "app/receipts/[paymentId]/page.tsx",
  "components/receipts/receipt-details.tsx",
  "components/receipts/print-button.tsx",
  "components/receipts/pending-refresh.tsx",
] as const;

/**
 * The staff console's files (issue 15): English only, but every word comes from
 * messages/staff/en/ all the same. Every .tsx under these folders and every file named here is
 * checked like the patient files above (lib/i18n/no-stray-english.test.ts), so a new staff page
 * with English written into it fails `npm test`.
 */
export const STAFF_ROOTS = [
  "app/(staff)",
  "components/staff",
  "components/staff-users",
  "components/reports",
  "components/sms",
  "components/payments/refund-dialog.tsx",
  "components/payments/void-payment-dialog.tsx",
  "components/payments/void-refund-dialog-shell.tsx",
] as const;

/**
 * Staff files that still have English written into them: each comes off this list when its words
 * move to messages/staff/en/ (the test fails while a file here has no English left, so the list
 * cannot go stale). docs/i18n.md says what is left.
 */
export const STAFF_FILES_NOT_YET: readonly string[] = [
  // Its password fields are the sign-in pages' own (components/auth/account-fields.tsx), whose
  // label is a choice between their English words: it moves when those pages are translated.
  "components/staff-users/accept-invitation-form.tsx",
];
