import "server-only";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";

/** The practice's endpoints for the console's list, with how their deliveries stand. */
export const listWebhookEndpoints = async ({ practiceId }: { practiceId: string }) => {
  const db = await getDb();
  const endpoints = await db.webhookEndpoint.findMany({
    where: { practiceId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      eventTypes: true,
      isActive: true,
      disabledAt: true,
      disabledReason: true,
      failingSince: true,
      createdAt: true,
    },
  });
  const counts = await db.webhookDelivery.groupBy({
    by: ["endpointId", "status"],
    where: { endpointId: { in: endpoints.map((e) => e.id) } },
    _count: { _all: true },
  });
  const countOf = (endpointId: string, status: "PENDING" | "DELIVERED" | "FAILED") =>
    counts.find((c) => c.endpointId === endpointId && c.status === status)?._count._all ?? 0;
  return endpoints.map((e) => ({
    ...e,
    pending: countOf(e.id, "PENDING"),
    delivered: countOf(e.id, "DELIVERED"),
    failed: countOf(e.id, "FAILED"),
  }));
};

export type TWebhookEndpointListItem = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** How many deliveries the log shows at once (newest first). */
export const DELIVERY_LOG_SIZE = 50;

/**
 * One endpoint of the practice with its newest deliveries and their attempts (the delivery log),
 * or NOT_FOUND, the same for another practice's endpoint as for a missing one.
 */
export const getWebhookEndpointOrThrow = async ({
  practiceId,
  endpointId,
}: {
  practiceId: string;
  endpointId: string;
}) => {
  const db = await getDb();
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, practiceId },
    select: {
      id: true,
      url: true,
      eventTypes: true,
      isActive: true,
      disabledAt: true,
      disabledReason: true,
      failingSince: true,
      previousSecretUntil: true,
      createdAt: true,
      practice: { select: { timeZone: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: DELIVERY_LOG_SIZE,
        select: {
          id: true,
          eventId: true,
          eventType: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          deliveredAt: true,
          failedAt: true,
          createdAt: true,
          attemptLog: {
            orderBy: { attemptedAt: "desc" },
            select: {
              id: true,
              attemptedAt: true,
              statusCode: true,
              latencyMs: true,
              responseBody: true,
              error: true,
            },
          },
        },
      },
    },
  });
  if (!endpoint) throw notFoundError("webhook endpoint");
  return endpoint;
};

export type TWebhookEndpointDetail = Awaited<ReturnType<typeof getWebhookEndpointOrThrow>>;
