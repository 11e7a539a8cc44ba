import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getClock } from "@/lib/clock";
import { API_VERSION, type TEventBody, type TEventType } from "@/lib/events/types";

export { API_VERSION, EVENT_TYPES, isEventType, type TEventBody, type TEventType } from "@/lib/events/types";

/** "evt_" and 24 random characters (base32, lower case): unguessable, the same wherever it is sent. */
export const newEventId = () => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(24);
  let out = "evt_";
  for (const b of bytes) out += alphabet[b & 31];
  return out;
};

export type TEmitEvent = {
  practiceId: string;
  type: TEventType;
  data: Record<string, unknown>;
  paymentId?: string | null;
  planId?: string | null;
  accountId?: string | null;
};

/**
 * Records one integration event in the caller's transaction, so it exists exactly when the
 * change it reports does (a rolled-back change leaves none), and, in the same statement, one
 * webhook delivery per endpoint of the practice that wants its type (a disabled endpoint's wait
 * until it is enabled again: an outage loses nothing). The body is written once, as the exact
 * text every delivery signs and the events feed returns. Returns the body.
 */
export const emitEvent = async (tx: Prisma.TransactionClient, event: TEmitEvent): Promise<TEventBody> => {
  const now = getClock().now();
  const body: TEventBody = {
    id: newEventId(),
    type: event.type,
    created: now.toISOString(),
    api_version: API_VERSION,
    data: event.data,
  };
  await tx.$executeRaw`
    WITH ev AS (
      INSERT INTO "integration_event"
             (id, "practiceId", type, "apiVersion", "paymentId", "planId", "accountId", body, "createdAt")
      VALUES (${body.id}, ${event.practiceId}, ${event.type}, ${API_VERSION}, ${event.paymentId ?? null},
              ${event.planId ?? null}, ${event.accountId ?? null}, ${JSON.stringify(body)}, ${now}::timestamptz)
      RETURNING id, "practiceId", type
    )
    INSERT INTO "webhook_delivery" (id, "endpointId", "eventId", "eventType", "nextAttemptAt", "updatedAt")
    SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), e.id, ev.id, ev.type, now(), now()
      FROM ev JOIN "webhook_endpoint" e
        ON e."practiceId" = ev."practiceId" AND ev.type = ANY(e."eventTypes")`;
  return body;
};
