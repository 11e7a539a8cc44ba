import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import { getClock } from "@/lib/clock";
import { instantAtWallTime } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { AppError, notFoundError } from "@/lib/errors";
import { staffPractice } from "@/lib/practice";
import type { TRequestContext } from "@/lib/request-context";
import { checkWebhookUrl } from "@/lib/webhooks/address-check";
import type { TCreateEndpointInput, TUpdateEndpointInput } from "@/lib/webhooks/schemas";
import { newSigningSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { webhookSettings } from "@/lib/webhooks/settings";

/** How long the secret before a rotation still signs (a second v1). */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

type TStaffCall = { actor: TActor; context: TRequestContext };

const auditActor = (actor: TActor) =>
  ({ kind: "user", userId: actor.userId, role: actor.role, label: actor.email }) as const;

/** The URL checked now (SSRF, DNS-resolved), or a message under the URL field. */
const checkedUrl = async (url: string) => {
  const checked = await checkWebhookUrl(url, { allowedHosts: webhookSettings().allowedHosts });
  if (!checked.ok) {
    const message = `This URL ${checked.reason}.`;
    throw new AppError("VALIDATION", {
      message: `webhook URL ${url} ${checked.reason}`,
      userMessage: message,
      fieldErrors: { url: [message] },
    });
  }
  return checked.url.toString();
};

/** An endpoint of the caller's practice, or the same NOT_FOUND as a missing one. */
const ownEndpoint = async (actor: TActor, endpointId: string) => {
  const practice = await staffPractice(actor.userId);
  const db = await getDb();
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, practiceId: practice.id },
    select: { id: true, url: true, isActive: true, practiceId: true, secretCiphertext: true },
  });
  if (!endpoint) throw notFoundError("webhook endpoint");
  return { endpoint, practice };
};

/**
 * A new endpoint for the admin's practice. Returns the signing secret, which is shown once
 * and never again (it is kept encrypted, to sign with).
 */
export const createWebhookEndpoint = async ({
  actor,
  context,
  input,
}: TStaffCall & { input: TCreateEndpointInput }) => {
  const url = await checkedUrl(input.url);
  const practice = await staffPractice(actor.userId);
  const secret = newSigningSecret();
  const db = await getDb();
  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        practiceId: practice.id,
        url,
        eventTypes: input.eventTypes,
        isActive: input.enabled,
        secretCiphertext: sealSecret(secret),
        createdByUserId: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhooks.endpoint_created",
        target: { type: "WebhookEndpoint", id: created.id },
        context,
        metadata: { url, eventTypes: input.eventTypes, enabled: input.enabled },
      },
      tx,
    );
    return created;
  });
  return { endpointId: endpoint.id, secret };
};

/**
 * Changes an endpoint's URL, events and whether it is enabled. Enabling a disabled endpoint ends
 * its disabled state and makes its pending deliveries due now.
 */
export const updateWebhookEndpoint = async ({
  actor,
  context,
  input,
}: TStaffCall & { input: TUpdateEndpointInput }) => {
  const { endpoint } = await ownEndpoint(actor, input.endpointId);
  const url = await checkedUrl(input.url);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        url,
        eventTypes: input.eventTypes,
        isActive: input.enabled,
        ...(input.enabled ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
      },
    });
    // Enabled after being off: what waited meanwhile is due now, on a fresh schedule.
    if (input.enabled && !endpoint.isActive) {
      await tx.webhookDelivery.updateMany({
        where: { endpointId: endpoint.id, status: "PENDING" },
        data: { nextAttemptAt: getClock().now(), attempts: 0, firstAttemptAt: null, claimedUntil: null },
      });
    }
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhooks.endpoint_updated",
        target: { type: "WebhookEndpoint", id: endpoint.id },
        context,
        metadata: { url, eventTypes: input.eventTypes, enabled: input.enabled, previousUrl: endpoint.url },
      },
      tx,
    );
  });
  return { endpointId: endpoint.id };
};

/**
 * A new signing secret, shown once; the one it replaces keeps signing (a second v1) for 24
 * hours, so the receiver can switch whenever it likes in that day.
 */
export const rotateWebhookSecret = async ({
  actor,
  context,
  endpointId,
}: TStaffCall & { endpointId: string }) => {
  const { endpoint } = await ownEndpoint(actor, endpointId);
  const secret = newSigningSecret();
  const until = new Date(getClock().now().getTime() + ROTATION_OVERLAP_MS);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretCiphertext: sealSecret(secret),
        previousSecretCiphertext: endpoint.secretCiphertext,
        previousSecretUntil: until,
      },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhooks.secret_rotated",
        target: { type: "WebhookEndpoint", id: endpoint.id },
        context,
        metadata: { previousValidUntil: until.toISOString() },
      },
      tx,
    );
  });
  return { endpointId: endpoint.id, secret, previousValidUntil: until };
};

/** Deletes an endpoint and its deliveries (the events stay for the feed). */
export const deleteWebhookEndpoint = async ({
  actor,
  context,
  endpointId,
}: TStaffCall & { endpointId: string }) => {
  const { endpoint } = await ownEndpoint(actor, endpointId);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhooks.endpoint_deleted",
        target: { type: "WebhookEndpoint", id: endpoint.id },
        context,
        metadata: { url: endpoint.url },
      },
      tx,
    );
  });
  return { endpointId: endpoint.id };
};

const RESEND = {
  status: "PENDING",
  attempts: 0,
  firstAttemptAt: null,
  failedAt: null,
  claimedUntil: null,
} as const;

/** Sends one delivery again now, with a fresh retry schedule (the same event, the same id). */
export const resendWebhookDelivery = async ({
  actor,
  context,
  endpointId,
  deliveryId,
}: TStaffCall & { endpointId: string; deliveryId: string }) => {
  const { endpoint } = await ownEndpoint(actor, endpointId);
  const db = await getDb();
  const now = getClock().now();
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, endpointId: endpoint.id },
      data: { ...RESEND, nextAttemptAt: now },
    });
    if (count === 0) throw notFoundError("delivery");
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhooks.delivery_resent",
        target: { type: "WebhookEndpoint", id: endpoint.id },
        context,
        metadata: { deliveryId },
      },
      tx,
    );
  });
  // A disabled endpoint keeps it until it is enabled again: the console says so.
  return { endpointId: endpoint.id, resent: 1, held: !endpoint.isActive };
};

/**
 * Sends again every FAILED delivery of an endpoint made since a moment typed in the practice's
 * zone (`YYYY-MM-DDTHH:mm`). Returns how many.
 */
export const resendFailedWebhooksSince = async ({
  actor,
  context,
  endpointId,
  since,
}: TStaffCall & { endpointId: string; since: string }) => {
  const { endpoint, practice } = await ownEndpoint(actor, endpointId);
  const [day, time] = since.split("T") as [string, string];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  // The wall-clock time on that day in the practice's zone, right on a daylight-saving day too.
  const from = instantAtWallTime(new Date(`${day}T00:00:00Z`), hours * 60 + minutes, practice.timeZone);
  const db = await getDb();
  const now = getClock().now();
  const resent = await db.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { endpointId: endpoint.id, status: "FAILED", createdAt: { gte: from } },
      data: { ...RESEND, nextAttemptAt: now },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhooks.failed_resent",
        target: { type: "WebhookEndpoint", id: endpoint.id },
        context,
        metadata: { since: from.toISOString(), count },
      },
      tx,
    );
    return count;
  });
  return { endpointId: endpoint.id, resent, held: !endpoint.isActive };
};
