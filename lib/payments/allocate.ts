/**
 * Where a payment recorded for an account goes (pure, integer cents): oldest statement first,
 * or all of it to one named statement. Never more than a statement's balance: what the
 * statements cannot take is the caller's to refuse (docs/files.md, "Importing payment
 * transactions": an overpayment is rejected).
 */

export type TOpenStatement = { id: string; statementNumber: string; balanceCents: number };

export type TAllocation = { statementId: string; amountCents: number };

export type TAllocationResult =
  { ok: true; allocations: TAllocation[] } | { ok: false; reason: "UNKNOWN_STATEMENT" | "EXCEEDS_BALANCE" };

/**
 * `amountCents` over `statements`, which the caller gives oldest first (and not voided). With
 * `statementNumber`, all of it goes to that statement; without, each statement in turn takes
 * what it still owes until the amount is used up.
 */
export const allocatePayment = ({
  amountCents,
  statements,
  statementNumber = null,
}: {
  amountCents: number;
  statements: readonly TOpenStatement[];
  statementNumber?: string | null;
}): TAllocationResult => {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new RangeError("Amount must be whole, positive cents");
  }
  if (statementNumber !== null) {
    const named = statements.find((s) => s.statementNumber === statementNumber);
    if (!named) return { ok: false, reason: "UNKNOWN_STATEMENT" };
    if (named.balanceCents < amountCents) return { ok: false, reason: "EXCEEDS_BALANCE" };
    return { ok: true, allocations: [{ statementId: named.id, amountCents }] };
  }
  const allocations: TAllocation[] = [];
  let left = amountCents;
  for (const s of statements) {
    if (left === 0) break;
    const part = Math.min(Math.max(s.balanceCents, 0), left);
    if (part > 0) {
      allocations.push({ statementId: s.id, amountCents: part });
      left -= part;
    }
  }
  return left > 0 ? { ok: false, reason: "EXCEEDS_BALANCE" } : { ok: true, allocations };
};
