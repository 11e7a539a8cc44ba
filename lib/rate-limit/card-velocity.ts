import "server-only";
import { AppError, isAppError } from "@/lib/errors";
import {
  beginAttempt,
  endAttempt,
  type TAttempt,
  type TLockKey,
  type TLockPolicy,
} from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Card testing: someone with a list of stolen numbers tries them one after another on a page
 * that charges cards. Five declines within 15 minutes for one patient or one statement (a
 * guest's), or twenty from one client address (a clinic's or a hotel's network carries many
 * payers), pause card attempts there for 15 minutes, before anything reaches the processor.
 * The counts live in the database (lib/rate-limit), so every instance shares them, and an
 * attempt is counted before it is sent, so a burst gets no more tries than the limit.
 */
export const CARD_VELOCITY: TLockPolicy = { maxFailures: 5, windowMs: 15 * 60_000, durationMs: 15 * 60_000 };
export const CARD_DECLINES_PER_IP = 20;

export const TOO_MANY_DECLINES =
  "For your security, card payments are paused for 15 minutes after several declined attempts. Please try again later, or call our billing office.";

/** Who is trying, for the velocity limits: the patient (or a guest's statements), each statement, the address. */
export const velocityKeys = ({
  userId,
  statementIds,
  context,
}: {
  userId: string | null;
  statementIds: string[];
  context: TRequestContext;
}): TLockKey[] => [
  ...(userId ? [{ bucket: "cards:user", key: userId }] : []),
  ...statementIds.map((id) => ({ bucket: "cards:statement", key: id })),
  ...(context.ip ? [{ bucket: "cards:ip", key: context.ip, maxFailures: CARD_DECLINES_PER_IP }] : []),
];

/**
 * Runs `attempt` (a charge, or a card's $0 verification) under the velocity limits: refused with
 * RATE_LIMITED while a limit is reached (unless `onRefused` has an answer, e.g. the payment a
 * retry already made). A decline counts against the limits only when `track.sent` says the
 * attempt reached the processor (a replayed answer is not a new try).
 */
export const withinCardVelocity = async <T>({
  keys,
  attempt,
  onRefused,
}: {
  keys: TLockKey[];
  attempt: (track: { sent: boolean }) => Promise<T>;
  onRefused?: () => Promise<T | null>;
}): Promise<T> => {
  const begun = await beginAttempt(keys, { policy: CARD_VELOCITY });
  if (!begun.ok) {
    const answer = await onRefused?.();
    if (answer) return answer;
    throw new AppError("RATE_LIMITED", { message: "card velocity limit", userMessage: TOO_MANY_DECLINES });
  }
  const track = { sent: false };
  let isDecline = false;
  try {
    return await attempt(track);
  } catch (error) {
    isDecline = track.sent && isAppError(error) && error.code === "CARD_DECLINED";
    throw error;
  } finally {
    await endVelocityAttempt(begun.attempt, isDecline);
  }
};

const endVelocityAttempt = (attempt: TAttempt, isDecline: boolean) =>
  endAttempt(attempt, { outcome: isDecline ? "failure" : "success" });
