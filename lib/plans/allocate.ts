import type { Cents } from "@/lib/money";

/**
 * An amount spread over a plan's statements, oldest first, each up to its balance (integer
 * cents; the parts sum to the amount, or to all the balances when they are less).
 */
export const allocateOverStatements = (
  statements: readonly { id: string; statementDate: Date; balanceCents: number }[],
  amountCents: number,
): { statementId: string; amount: Cents }[] => {
  const out: { statementId: string; amount: Cents }[] = [];
  let left = amountCents;
  const oldestFirst = [...statements].sort(
    (a, b) => a.statementDate.getTime() - b.statementDate.getTime() || a.id.localeCompare(b.id),
  );
  for (const s of oldestFirst) {
    if (left <= 0) break;
    const take = Math.min(left, s.balanceCents);
    if (take > 0) {
      out.push({ statementId: s.id, amount: take as Cents });
      left -= take;
    }
  }
  return out;
};
