import "server-only";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { sendEmails } from "@/lib/email/send-email";
import { endpointDisabledEmail } from "@/lib/webhooks/emails";
import { checkWebhookUrl } from "@/lib/webhooks/address-check";
import { postJson, type TPostResult } from "@/lib/webhooks/post";
import { openSecret } from "@/lib/webhooks/secret-box";
import { webhookSettings, nextAttemptAt, type TWebhookSettings } from "@/lib/webhooks/settings";
import { signatureHeader } from "@/lib/webhooks/signature";
import { log } from "@/lib/log";

/** How many due deliveries one sender run claims, and sends at once. */
const BATCH = 20;

/** How long a claim holds a delivery: longer than any send (the timeout), so only a dead sender loses it. */
export const DEFAULT_LEASE_MS = 60_000;

export type TDeliveryRun = { claimed: number; delivered: number; retrying: number; failed: number };

type TClaimed = {
  id: string;
  attempts: number;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretUntil: Date | null;
  body: string | null;
  paymentId: string | null;
};

/**
 * Takes up to `limit` due deliveries of enabled endpoints (PENDING, their time come, not held by
 * another sender) with a lease: FOR UPDATE SKIP LOCKED, so several senders, in one process or
 * several, never take the same one; a sender that dies leaves it to the next after the lease.
 */
const claimDue = async ({ now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number }) => {
  const db = await getDb();
  const until = new Date(now.getTime() + leaseMs);
  return db.$queryRaw<TClaimed[]>`
    WITH due AS (
      -- Endpoint by endpoint, so that a disabled endpoint's backlog (its deliveries stay PENDING
      -- until it is enabled again) is never walked through: each enabled endpoint's due
      -- deliveries come off the (endpointId, status, nextAttemptAt) index.
      SELECT d.id FROM "webhook_endpoint" e
      CROSS JOIN LATERAL (
        SELECT d.id, d."nextAttemptAt" FROM "webhook_delivery" d
         WHERE d."endpointId" = e.id AND d.status = 'PENDING' AND d."nextAttemptAt" <= ${now}::timestamptz
           AND (d."claimedUntil" IS NULL OR d."claimedUntil" < ${now}::timestamptz)
         ORDER BY d."nextAttemptAt"
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      ) d
       WHERE e."isActive"
       ORDER BY d."nextAttemptAt"
       LIMIT ${limit}
    ), claimed AS (
      UPDATE "webhook_delivery" d SET "claimedUntil" = ${until}::timestamptz, "updatedAt" = ${now}::timestamptz
        FROM due WHERE d.id = due.id
      RETURNING d.id, d.attempts, d."eventId", d."eventType", d."endpointId"
    )
    SELECT c.id, c.attempts, c."eventId", c."eventType", c."endpointId", e.url, e."secretCiphertext",
           e."previousSecretCiphertext", e."previousSecretUntil", ev.body, ev."paymentId"
      FROM claimed c
      JOIN "webhook_endpoint" e ON e.id = c."endpointId"
      LEFT JOIN "integration_event" ev ON ev.id = c."eventId"`;
};

/** One attempt: the URL checked again (SSRF, on the addresses DNS gives now), signed, POSTed. */
const attempt = async (d: TClaimed, settings: TWebhookSettings, at: Date): Promise<TPostResult> => {
  if (d.body === null)
    return { statusCode: null, latencyMs: 0, responseBody: null, error: "the event was deleted" };
  const checked = await checkWebhookUrl(d.url, { allowedHosts: settings.allowedHosts });
  if (!checked.ok)
    return { statusCode: null, latencyMs: 0, responseBody: null, error: `URL ${checked.reason}` };
  const secrets = [openSecret(d.secretCiphertext)];
  if (d.previousSecretCiphertext && d.previousSecretUntil && d.previousSecretUntil > at) {
    secrets.push(openSecret(d.previousSecretCiphertext));
  }
  return postJson({
    url: checked.url,
    address: checked.address,
    family: checked.family,
    body: d.body,
    timeoutMs: settings.timeoutMs,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "PatientPortal-Webhooks/1.0",
      "Portal-Signature": signatureHeader({ body: d.body, secrets, at }),
      "Portal-Event-Id": d.eventId,
      "Portal-Event-Type": d.eventType,
      "Portal-Delivery-Id": d.id,
    },
  });
};

const isDelivered = (r: TPostResult) => r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;

/**
 * Records an attempt and its consequence in one transaction: the attempt log row; the
 * delivery DELIVERED, due again on its schedule, or FAILED when the schedule is spent; on a 2xx
 * the payment's posting (channel WEBHOOK, once per endpoint) and the endpoint's failing streak
 * ended; on a failure the streak started, and the endpoint disabled once it is `disableAfter`
 * old. Returns what became of it and whether the endpoint was disabled now.
 */
const record = async (d: TClaimed, result: TPostResult, at: Date, settings: TWebhookSettings) => {
  const db = await getDb();
  const tryNumber = d.attempts + 1;
  const delivered = isDelivered(result);
  const next = delivered ? null : nextAttemptAt({ attempt: tryNumber, now: at, settings });
  const outcome = delivered ? "DELIVERED" : next ? "RETRYING" : "FAILED";
  const error = delivered ? null : (result.error ?? `answered ${result.statusCode}`);
  return db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        deliveryId: d.id,
        attemptedAt: at,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseBody: result.responseBody,
        error,
      },
    });
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        attempts: tryNumber,
        status: outcome === "RETRYING" ? "PENDING" : outcome,
        nextAttemptAt: next ?? at,
        firstAttemptAt: d.attempts === 0 ? at : undefined,
        claimedUntil: null,
        lastStatusCode: result.statusCode,
        lastError: error,
        deliveredAt: delivered ? at : undefined,
        failedAt: outcome === "FAILED" ? at : undefined,
      },
    });
    if (delivered) {
      await tx.webhookEndpoint.update({ where: { id: d.endpointId }, data: { failingSince: null } });
      if (d.paymentId) {
        await tx.$executeRaw`
          INSERT INTO "payment_posting" (id, "paymentId", channel, reference, detail, "postedAt")
          VALUES (${newId()}, ${d.paymentId}, 'WEBHOOK', ${d.endpointId}, ${d.eventId}, ${at}::timestamptz)
          ON CONFLICT ("paymentId", channel, reference) DO NOTHING`;
      }
      return { outcome, disabled: false };
    }
    const disableBefore = new Date(at.getTime() - settings.disableAfterMs);
    const [endpoint] = await tx.$queryRaw<{ justDisabled: boolean }[]>`
      WITH e AS (
        SELECT id, "isActive" AS was, COALESCE("failingSince", ${at}::timestamptz) AS since
          FROM "webhook_endpoint" WHERE id = ${d.endpointId} FOR UPDATE
      )
      UPDATE "webhook_endpoint" w
         SET "failingSince" = e.since,
             "isActive" = e.was AND e.since > ${disableBefore}::timestamptz,
             "disabledAt" = CASE WHEN e.was AND e.since <= ${disableBefore}::timestamptz
                                 THEN ${at}::timestamptz ELSE w."disabledAt" END,
             "disabledReason" = CASE WHEN e.was AND e.since <= ${disableBefore}::timestamptz
                                 THEN 'Every delivery failed since ' || to_char(e.since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
                                 ELSE w."disabledReason" END,
             "updatedAt" = ${at}::timestamptz
        FROM e WHERE w.id = e.id
      RETURNING e.was AND NOT w."isActive" AS "justDisabled"`;
    return { outcome, disabled: endpoint?.justDisabled ?? false };
  });
};

/** The practice's admins hear that an endpoint was turned off, and why. */
const emailDisabled = async (endpointId: string) => {
  const db = await getDb();
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({
    where: { id: endpointId },
    select: { url: true, disabledReason: true, practiceId: true, practice: { select: { name: true } } },
  });
  const first = await db.practice.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  const admins = await db.user.findMany({
    where: {
      role: "ADMIN",
      disabledAt: null,
      OR: [
        { practiceId: endpoint.practiceId },
        ...(first?.id === endpoint.practiceId ? [{ practiceId: null }] : []),
      ],
    },
    select: { email: true },
  });
  await sendEmails(
    admins.map((a) =>
      endpointDisabledEmail({
        to: a.email,
        practiceId: endpoint.practiceId,
        practiceName: endpoint.practice.name,
        endpointId,
        url: endpoint.url,
        disabledReason: endpoint.disabledReason,
      }),
    ),
  );
};

/**
 * One run of the webhook sender: claims due deliveries, sends them at once, records each
 * attempt. `leaseMs` is how long a claim holds (tests shorten it).
 */
export const sendDueWebhooks = async ({
  limit = BATCH,
  leaseMs = DEFAULT_LEASE_MS,
}: { limit?: number; leaseMs?: number } = {}): Promise<TDeliveryRun> => {
  const settings = webhookSettings();
  const claimed = await claimDue({ now: getClock().now(), limit, leaseMs });
  const run: TDeliveryRun = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (d) => {
      const at = getClock().now();
      let result: TPostResult;
      try {
        result = await attempt(d, settings, at);
      } catch (error) {
        result = { statusCode: null, latencyMs: 0, responseBody: null, error: (error as Error).message };
      }
      // One delivery's trouble (its endpoint deleted meanwhile, the mail server down) is logged
      // and never stops the others of the run; an unrecorded attempt is claimed again later.
      try {
        const { outcome, disabled } = await record(d, result, at, settings);
        if (outcome === "DELIVERED") run.delivered += 1;
        else if (outcome === "RETRYING") run.retrying += 1;
        else run.failed += 1;
        if (disabled) {
          await emailDisabled(d.endpointId).catch((error: unknown) =>
            log.error(
              `[webhooks] endpoint ${d.endpointId} was disabled; its admins' email failed: ${(error as Error).message}`,
            ),
          );
        }
      } catch (error) {
        log.error(`[webhooks] delivery ${d.id}: ${(error as Error).message}`);
      }
    }),
  );
  return run;
};

/** Runs the sender until nothing is due (the job, the poller, tests). */
export const drainWebhooks = async (options: { leaseMs?: number } = {}) => {
  const total: TDeliveryRun = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const run = await sendDueWebhooks(options);
    for (const k of Object.keys(total) as (keyof TDeliveryRun)[]) total[k] += run[k];
    if (run.claimed < BATCH) return total;
  }
};
