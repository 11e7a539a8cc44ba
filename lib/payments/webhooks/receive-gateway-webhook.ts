import "server-only";
import { secrets } from "@/lib/env";
import { GATEWAY_EVENT_TYPES, ZGatewayEvent } from "@/lib/gateway/types";
import { verifyWebhookSignature } from "@/lib/gateway/signature";
import type { TGateway } from "@/lib/gateway";
import { handleGatewayEvent } from "@/lib/payments/webhooks/handle-gateway-event";
import { log } from "@/lib/log";

const ALLOWED = new Set<string>(GATEWAY_EVENT_TYPES);

/**
 * A webhook delivery from the gateway (docs/gateway-api.md), as an HTTP answer. 400: bad
 * signature, old timestamp or a body we cannot read (nothing changes). 200: applied, a
 * duplicate, or a type we do not handle. 500: a failure worth retrying; the gateway redelivers.
 */
export const receiveGatewayWebhook = async ({
  rawBody,
  signatureHeader,
  webhookSecrets = secrets().gatewayWebhookSecrets,
  gateway,
}: {
  rawBody: string;
  signatureHeader: string | null;
  /** The current secret first, then a previous one while it is rotated (GATEWAY_WEBHOOK_SECRET). */
  webhookSecrets?: readonly string[];
  /** Where the payment's state is read from (tests); the process's gateway by default. */
  gateway?: TGateway;
}): Promise<{ status: number; body: Record<string, unknown> }> => {
  if (!verifyWebhookSignature({ header: signatureHeader, body: rawBody, secrets: webhookSecrets })) {
    return { status: 400, body: { error: "invalid signature" } };
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: "invalid JSON" } };
  }
  const type = (json as { type?: unknown })?.type;
  if (typeof type !== "string" || !ALLOWED.has(type)) return { status: 200, body: { ignored: true } };
  const event = ZGatewayEvent.safeParse(json);
  if (!event.success) return { status: 400, body: { error: "invalid event" } };
  try {
    return {
      status: 200,
      body: { result: await handleGatewayEvent(event.data, gateway ? { gateway } : {}) },
    };
  } catch (error) {
    log.error({ err: error }, `[webhooks] event ${event.data.id} failed`);
    return { status: 500, body: { error: "temporarily unable to apply the event" } };
  }
};
