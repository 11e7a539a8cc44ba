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
  "app/receipts/not-found.tsx",
  "components/patient-header.tsx",
  "app/receipts/[paymentId]/page.tsx",
  "components/receipts/receipt-details.tsx",
  "components/receipts/print-button.tsx",
  "components/receipts/pending-refresh.tsx",
  "app/(patient)/pay/page.tsx",
  "components/payments/pay-form.tsx",
  "components/payments/pay-review.tsx",
  "components/payments/saved-method-choice.tsx",
  "components/payments/statement-amounts.tsx",
  "components/payments/wallet-buttons.tsx",
  "components/payments/pay-link.tsx",
  "components/payments/hosted-fields.tsx",
  "components/saved-methods/new-method-fields.tsx",
  "app/(auth)/layout.tsx",
  "app/(auth)/login/page.tsx",
  "app/(auth)/signup/page.tsx",
  "app/(auth)/forgot-password/page.tsx",
  "app/(auth)/reset-password/page.tsx",
  "app/(auth)/verify-email/page.tsx",
  "components/auth/login-form.tsx",
  "components/auth/auth-forms.tsx",
  "components/auth/account-fields.tsx",
  "app/guest/text-link/page.tsx",
  "components/guest/text-link-dob-form.tsx",
  "app/error.tsx",
  "app/not-found.tsx",
  "app/forbidden.tsx",
  "app/guest/text-link/paid/page.tsx",
  // Every email's HTML part: its words are the message's, made in the recipient's language.
  "lib/email/render-html.tsx",
  "app/(patient)/profile/layout.tsx",
  "app/(patient)/profile/(details)/page.tsx",
  "app/(patient)/profile/email/page.tsx",
  "app/(patient)/profile/password/page.tsx",
  "app/(patient)/profile/security/page.tsx",
  "app/(patient)/profile/preferences/page.tsx",
  "app/(patient)/profile/accounts/(list)/page.tsx",
  "app/(patient)/profile/accounts/[linkId]/unlink/page.tsx",
  "app/(patient)/profile/sharing/page.tsx",
  "components/profile/profile-nav.tsx",
  "components/profile/profile-section.tsx",
  "components/profile/form-parts.tsx",
  "components/profile/contact-details-form.tsx",
  "components/profile/change-email-form.tsx",
  "components/profile/preferences-form.tsx",
  "components/profile/link-account-form.tsx",
  "components/profile/unlink-account-form.tsx",
  "components/auth/passkey-list.tsx",
  "components/auth/passkey-actions.tsx",
  "app/(patient)/layout.tsx",
  "components/site-header.tsx",
  "app/(patient)/bills/(list)/page.tsx",
  "app/(patient)/bills/[statementId]/page.tsx",
  "components/statements/statement-list.tsx",
  "app/(patient)/payments/page.tsx",
  "components/receipts/payment-history.tsx",
  "components/documents/yearly-summary-links.tsx",
  "app/(patient)/plans/(list)/page.tsx",
  "app/(patient)/plans/new/page.tsx",
  "app/(patient)/plans/[planId]/page.tsx",
  "components/plans/plan-form.tsx",
  "components/plans/plan-form-fields.tsx",
  "components/plans/plan-list.tsx",
  "components/plans/plan-detail.tsx",
  "components/plans/plan-schedule.tsx",
  "components/plans/plan-status.tsx",
  "components/plans/plan-actions.tsx",
  "app/(patient)/autopay/page.tsx",
  "components/autopay/autopay-forms.tsx",
  "app/(patient)/wallet/page.tsx",
  "components/saved-methods/add-method-form.tsx",
  "components/saved-methods/wallet-method.tsx",
  "app/(patient)/bills/(list)/loading.tsx",
  "app/(patient)/plans/(list)/loading.tsx",
  "app/(patient)/plans/new/loading.tsx",
  "app/(patient)/autopay/loading.tsx",
  "app/(patient)/wallet/loading.tsx",
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
export const STAFF_FILES_NOT_YET: readonly string[] = [];
