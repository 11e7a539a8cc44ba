import { errorMessage, startBackgroundTask } from "./background";
import type { TClock } from "./clock";
import type { TGatewayDb } from "./db";
import { SIGNATURE_HEADER, signGatewayPayload } from "./signature";

/** 1 s, 2 s, 4 s, … capped at one hour, after the n-th failed attempt. */
export const retryDelayMs = (failedAttempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, failedAttempts - 1), 60 * 60 * 1000);

type TDueDelivery = {
  id: string;
  url: string;
  attempts: number;
  event_id: string;
  type: string;
  body: string;
};

export type TWebhookWorker = {
  /** Looks for due deliveries now (called after every change that records an event). */
  kick: () => void;
  /** Resolves when the worker is idle (tests). */
  idle: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Delivers pending webhook deliveries, oldest first, one at a time: POST the event's stored body
 * with a fresh `Gateway-Signature` (the timestamp is that of the attempt; the body and its event
 * id never change). A 2xx marks it delivered; anything else, or no answer within `timeoutMs`,
 * schedules the next attempt with exponential backoff. Deliveries live in the database, so the
 * ones still pending when the gateway stops are sent after it starts again.
 */
export const startWebhookWorker = ({
  db,
  clock,
  secrets,
  pollMs,
  timeoutMs,
  log,
}: {
  db: TGatewayDb;
  clock: TClock;
  /** The current secret, then an old one while it is rotated: one signature each. */
  secrets: readonly string[];
  pollMs: number;
  timeoutMs: number;
  log: (line: string) => void;
}): TWebhookWorker => {
  const stopping = new AbortController();
  let again = false;

  const attempt = async (d: TDueDelivery) => {
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(d.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "sandbox-gateway-webhooks/1",
          [SIGNATURE_HEADER]: signGatewayPayload({ body: d.body, secrets, timestamp }),
        },
        body: d.body,
        redirect: "manual",
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(timeoutMs)]),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch (err) {
      if (stopping.signal.aborted) return; // shutting down: the delivery stays due as it was
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const now = clock.now();
    if (status !== null && status >= 200 && status < 300) {
      await db.query(
        `UPDATE gw_delivery SET status = 'delivered', attempts = attempts + 1, last_attempt_at = $2,
           last_response_status = $3, last_error = NULL, delivered_at = $2 WHERE id = $1`,
        [d.id, now, status],
      );
      log(`webhook ${d.event_id} ${d.type} delivered (${status}, attempt ${d.attempts + 1})`);
      return;
    }
    const failures = d.attempts + 1;
    const delay = retryDelayMs(failures);
    await db.query(
      `UPDATE gw_delivery SET attempts = $2, last_attempt_at = $3, last_response_status = $4, last_error = $5,
         next_attempt_at = $6 WHERE id = $1`,
      [d.id, failures, now, status, error?.slice(0, 500) ?? null, new Date(now.getTime() + delay)],
    );
    log(
      `webhook ${d.event_id} ${d.type} failed (${status ?? error ?? "no answer"}, attempt ${failures}); retry in ${delay / 1000}s`,
    );
  };

  const BATCH = 20;
  const pump = async () => {
    do {
      again = false;
      const due = await db.query<TDueDelivery>(
        `SELECT d.id, d.url, d.attempts, e.id AS event_id, e.type, e.body
           FROM gw_delivery d JOIN gw_event e ON e.id = d.event_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1
          ORDER BY d.next_attempt_at, d.seq LIMIT ${BATCH}`,
        [clock.now()],
      );
      for (const d of due) {
        if (stopping.signal.aborted) return;
        await attempt(d);
      }
      if (due.length === BATCH) again = true;
    } while (again && !stopping.signal.aborted);
  };

  const task = startBackgroundTask({
    everyMs: pollMs,
    run: pump,
    onError: (err) => log(`webhook worker error: ${errorMessage(err)}`),
    onBusy: () => {
      again = true;
    },
  });

  return {
    kick: () => {
      if (!stopping.signal.aborted) task.kick();
    },
    idle: task.idle,
    stop: async () => {
      stopping.abort();
      await task.stop();
    },
  };
};
