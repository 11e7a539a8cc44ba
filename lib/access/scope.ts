import type { AccountAccessScope } from "@/lib/generated/prisma/enums";

/**
 * What a signed-in patient wants to do with an account: see it (its statements, payments and
 * receipts), pay its statements, manage it (payment plans and autopay), or share it (invite
 * others, see and end who has access).
 */
export type TAccountNeed = "view" | "pay" | "manage" | "share";

/**
 * The authorized payers' scopes that allow each need. A guarantor (a user linked to the account)
 * may do all four; an authorized payer only what their scope names. Sharing the account
 * (invitations and the list of who has access) stays with the guarantor: no payer's scope allows it.
 */
export const SCOPES_ALLOWING: Record<TAccountNeed, readonly AccountAccessScope[]> = {
  view: ["VIEW", "PAY", "MANAGE"],
  pay: ["PAY", "MANAGE"],
  manage: ["MANAGE"],
  share: [],
};

export const scopeAllows = (scope: AccountAccessScope, need: TAccountNeed) =>
  SCOPES_ALLOWING[need].includes(scope);

/** The scopes a guarantor may offer, in the order the invitation form lists them. */
export const OFFERED_SCOPES: readonly AccountAccessScope[] = ["VIEW", "PAY", "MANAGE"];

/** What the scope lets the payer do, as the payer reads it ("you can view and pay"). */
export const SCOPE_ABILITY: Record<AccountAccessScope, string> = {
  VIEW: "view",
  PAY: "view and pay",
  MANAGE: "view, pay and manage",
};

/** The scope's name on the guarantor's and staff pages. */
export const SCOPE_LABELS: Record<AccountAccessScope, string> = {
  VIEW: "View only",
  PAY: "View and pay",
  MANAGE: "View, pay and manage plans and autopay",
};

/** The label of an account shared with the viewer: "Jane Doe's account — you can view and pay". */
export const sharedAccountLabel = ({
  guarantorName,
  scope,
}: {
  guarantorName: string;
  scope: AccountAccessScope;
}) => `${guarantorName}'s account — you can ${SCOPE_ABILITY[scope]}`;

/** "j•••@example.com": the address an invitation went to, shown to someone signed in with another. */
export const maskEmail = (email: string) => {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
};
