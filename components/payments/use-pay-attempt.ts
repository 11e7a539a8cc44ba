"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerWords } from "@/components/ui/use-server-words";
import type { ActionResult, TErrorCode } from "@/lib/result";

export type TPayResult = { paymentId: string; receiptNumber: string; status: string };

export type TPayAction = (prev: unknown, input: Record<string, unknown>) => Promise<ActionResult<TPayResult>>;

/** A failed attempt: what to say, where the form goes back to, and whether the attempt is spent. */
export type TPayFailure = { ok: false; message: string; step: "details" | "review"; isAttemptSpent: boolean };

const newKey = () => crypto.randomUUID();

/** What to do with a failed payment: where to go back to, and whether the attempt is spent. */
const recoveryFor = (code: TErrorCode): { step: "details" | "review"; isAttemptSpent: boolean } => {
  switch (code) {
    case "CARD_DECLINED":
    case "GATEWAY_UNAVAILABLE":
    case "VALIDATION":
      return { step: "details", isAttemptSpent: true };
    case "AMOUNT_EXCEEDS_BALANCE":
    case "NOT_FOUND":
      return { step: "details", isAttemptSpent: true };
    default:
      // Unknown outcome, session ended, server error: the same attempt may be retried as is
      // (same idempotency key), which can never charge twice.
      return { step: "review", isAttemptSpent: false };
  }
};

/**
 * One payment attempt of the pay page, for both ways of paying (a card or bank account after
 * the review step, or a wallet's sheet). The idempotency key is made when the form appears and
 * kept across retries of the same attempt, so a double click, a lost answer or a crash never
 * pays twice; a definite failure (a decline, an amount no longer owed) or a change of payment
 * details starts a new attempt with a new key. An approval goes to the receipt (`doneHref`).
 */
export const usePayAttempt = (
  action: TPayAction,
  /** Where an approval goes: the receipt (the staff terminal: the staff payment page). */
  doneHref: (paymentId: string) => string = (paymentId) => `/receipts/${paymentId}`,
) => {
  const router = useRouter();
  const words = useServerWords();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);

  /** Sends the attempt under its key; `input` is everything else the pay action takes. */
  const send = async (input: Record<string, unknown>): Promise<{ ok: true } | TPayFailure> => {
    const result = await action(null, { ...input, idempotencyKey });
    if (result.ok) {
      router.push(doneHref(result.data.paymentId));
      return { ok: true };
    }
    const recovery = recoveryFor(result.code);
    if (recovery.isAttemptSpent) setIdempotencyKey(newKey());
    // The balances changed under the form: show the ones the server has now.
    if (result.code === "AMOUNT_EXCEEDS_BALANCE") router.refresh();
    // The action answers in English: a decline, and every message the form knows, in the reader's language.
    const shown = words.failure(result);
    return { ok: false, message: shown && !shown.ok ? shown.message : result.message, ...recovery };
  };

  /** The payer changed what they pay with: what follows is another attempt. */
  const startOver = () => setIdempotencyKey(newKey());

  return { send, startOver };
};
