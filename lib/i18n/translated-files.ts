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
  // Every email's HTML part: its words are the message's, made in the recipient's language.
  "lib/email/render-html.tsx",
] as const;
