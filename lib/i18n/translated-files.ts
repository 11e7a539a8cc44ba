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
] as const;
