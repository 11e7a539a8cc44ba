import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { TEXT_LINK_MESSAGES } from "@/lib/text-to-pay/text-link-messages";
import { findStatementByProof } from "@/lib/guest/find-statement";
import { lookupFailureError } from "@/lib/guest/lookup-errors";
import type { TRequestContext } from "@/lib/request-context";
import { TEXT_TO_PAY_FRESH_HOURS, hashTextToPayToken, isTextToPayTokenShaped } from "@/lib/text-to-pay/token";

/** Why a link opens nothing: each has its own words on the page (app/guest/text-link). */
export type TTextLinkProblem = "unknown" | "expired" | "revoked";

export type TTextLinkOpening =
  /** Younger than TEXT_TO_PAY_FRESH_HOURS: the statement opens at once. */
  | { status: "open"; statementId: string }
  /** Older: the patient's date of birth first. */
  | { status: "needs_dob"; statementNumber: string }
  /**
   * Paid, or closed with nothing owed: its own page says so rather than a pay page with nothing
   * on it. `isFresh` as for "open": in its first day the link may show the statement and receipt.
   */
  | { status: "settled"; statementId: string; statementNumber: string; isFresh: boolean }
  | { status: "refused"; problem: TTextLinkProblem };

/**
 * What a text-to-pay link opens now. A token of the wrong shape (too long, other characters) is
 * "unknown" without a lookup, and so is one whose hash we do not hold, or whose statement was
 * voided (a voided statement is no one's to pay). A link opens as often as the patient likes
 * until it expires or is revoked; past its first day, each opening asks the date of birth. A
 * statement paid or closed since (PAID, or nothing left to pay) is "settled": nothing to pay. The
 * first opening that opens something is noted (`firstOpenedAt`) for the staff account page.
 */
export const openTextToPayLink = async ({
  token,
  now = new Date(),
}: {
  token: string;
  now?: Date;
}): Promise<TTextLinkOpening> => {
  if (!isTextToPayTokenShaped(token)) return { status: "refused", problem: "unknown" };
  const db = await getDb();
  const link = await db.textToPayLink.findUnique({
    where: { tokenHash: hashTextToPayToken(token) },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      firstOpenedAt: true,
      statement: { select: { id: true, statementNumber: true, status: true, balanceCents: true } },
    },
  });
  if (!link || link.statement.status === "VOIDED") return { status: "refused", problem: "unknown" };
  if (link.revokedAt) return { status: "refused", problem: "revoked" };
  if (link.expiresAt.getTime() <= now.getTime()) return { status: "refused", problem: "expired" };
  if (!link.firstOpenedAt) {
    // For staff's list of the account's links ("opened"): the first opening only.
    await db.textToPayLink.updateMany({
      where: { id: link.id, firstOpenedAt: null },
      data: { firstOpenedAt: now },
    });
  }
  const isFresh = now.getTime() - link.createdAt.getTime() < TEXT_TO_PAY_FRESH_HOURS * 60 * 60_000;
  if (isSettled(link.statement)) {
    const { id: statementId, statementNumber } = link.statement;
    return { status: "settled", statementId, statementNumber, isFresh };
  }
  return isFresh
    ? { status: "open", statementId: link.statement.id }
    : { status: "needs_dob", statementNumber: link.statement.statementNumber };
};

/** Nothing is owed on it: paid, or closed at a zero balance (a voided one is refused before this). */
const isSettled = (statement: { status: string; balanceCents: number }) =>
  statement.status === "PAID" || statement.balanceCents <= 0;

/**
 * The receipt a guest with this statement may open (lib/receipts: the payments applied to it): its
 * latest payment that went through, or null (closed by an adjustment, or paid at the office).
 */
export const latestReceiptOfStatement = async (statementId: string) => {
  const db = await getDb();
  const payment = await db.payment.findFirst({
    where: {
      allocations: { some: { statementId } },
      status: { in: ["AUTHORIZED", "CAPTURED", "SETTLED", "PARTIALLY_REFUNDED"] },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return payment?.id ?? null;
};

export const TEXT_LINK_ENDED_MESSAGE = TEXT_LINK_MESSAGES.linkEnded;

/**
 * The second factor of a link past its first day: the patient's date of birth, checked as the
 * guest lookup checks it (findStatementByProof), so a wrong one counts toward the same limits
 * and lockouts (per statement number and per address) and is audited as a guest lookup. Returns
 * the link's statement, for the caller to start a guest session on.
 */
export const verifyTextToPayDob = async ({
  token,
  dob,
  context,
  now = new Date(),
}: {
  token: string;
  dob: Date;
  context: TRequestContext;
  now?: Date;
}): Promise<{ statementId: string }> => {
  const opening = await openTextToPayLink({ token, now });
  if (opening.status === "refused") {
    throw new AppError("NOT_FOUND", {
      message: `text link ${opening.problem}`,
      userMessage: TEXT_LINK_ENDED_MESSAGE,
    });
  }
  if (opening.status === "open" || (opening.status === "settled" && opening.isFresh)) {
    return { statementId: opening.statementId };
  }
  const found = await findStatementByProof({
    proof: { statementNumber: opening.statementNumber, dob },
    context,
    purpose: "guest_lookup",
  });
  if (!found.ok) {
    if (found.reason === "LOCKED") throw lookupFailureError(found);
    throw new AppError("NOT_FOUND", {
      message: "text link: wrong date of birth",
      userMessage: TEXT_LINK_MESSAGES.dobMismatch,
      fieldErrors: { dob: [TEXT_LINK_MESSAGES.dobMismatchField] },
    });
  }
  return { statementId: found.statementId };
};

/** Revokes a statement's link: it opens nothing from now on. Returns whether there was one to revoke. */
export const revokeTextToPayLink = async ({
  statementId,
  now = new Date(),
}: {
  statementId: string;
  now?: Date;
}) => {
  const db = await getDb();
  const { count } = await db.textToPayLink.updateMany({
    where: { statementId, revokedAt: null },
    data: { revokedAt: now },
  });
  return count > 0;
};
