"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendFailedWebhooksSince,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/webhooks/endpoints";
import {
  ZCreateEndpointInput,
  ZEndpointInput,
  ZResendDeliveryInput,
  ZResendFailedSinceInput,
  ZUpdateEndpointInput,
} from "@/lib/webhooks/schemas";

/** Only admins (webhooks.manage) reach any of these; each use case scopes to their practice. */
const guard = () => requireStaff("webhooks.manage");

const revalidate = (endpointId?: string) => {
  revalidatePath("/staff/webhooks");
  if (endpointId) revalidatePath(`/staff/webhooks/${endpointId}`);
};

export const createWebhookEndpointAction = defineAction({
  schema: ZCreateEndpointInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await createWebhookEndpoint({ actor: auth, context, input });
    revalidate();
    return result;
  },
});

export const updateWebhookEndpointAction = defineAction({
  schema: ZUpdateEndpointInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await updateWebhookEndpoint({ actor: auth, context, input });
    revalidate(result.endpointId);
    return result;
  },
});

export const rotateWebhookSecretAction = defineAction({
  schema: ZEndpointInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await rotateWebhookSecret({ actor: auth, context, endpointId: input.endpointId });
    revalidate(result.endpointId);
    return { secret: result.secret, previousValidUntil: result.previousValidUntil.toISOString() };
  },
});

export const deleteWebhookEndpointAction = defineAction({
  schema: ZEndpointInput,
  guard,
  handler: async ({ input, auth, context }) => {
    await deleteWebhookEndpoint({ actor: auth, context, endpointId: input.endpointId });
    revalidatePath("/staff/webhooks");
    // Its page is gone: back to the list (a re-render of the deleted endpoint's page would be a 404).
    redirect("/staff/webhooks");
  },
});

export const resendWebhookDeliveryAction = defineAction({
  schema: ZResendDeliveryInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await resendWebhookDelivery({ actor: auth, context, ...input });
    revalidate(result.endpointId);
    return result;
  },
});

export const resendFailedWebhooksAction = defineAction({
  schema: ZResendFailedSinceInput,
  guard,
  handler: async ({ input, auth, context }) => {
    const result = await resendFailedWebhooksSince({ actor: auth, context, ...input });
    revalidate(result.endpointId);
    return result;
  },
});
