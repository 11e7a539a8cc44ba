import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/types";

/** The webhook console's forms (docs/webhooks.md). Safe to import on the client. */

export const ZEndpointId = z.string().min(1).max(40);

export const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that should receive the events.")
  .max(2000, "Keep the URL under 2,000 characters.")
  .refine((v) => URL.canParse(v), "Enter a full URL, like https://pms.example.org/portal-events.");

const ZEventTypes = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(EVENT_TYPES, { message: "Choose events from the list." }))
    .min(1, "Choose at least one event.")
    .transform((types) => [...new Set(types)]),
);

/** A form's checkbox: "on" (or "true") when ticked, absent when not. */
const ZTicked = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const ZCreateEndpointInput = z.object({
  url: ZWebhookUrl,
  eventTypes: ZEventTypes,
  enabled: ZTicked,
});
export type TCreateEndpointInput = z.infer<typeof ZCreateEndpointInput>;

export const ZUpdateEndpointInput = ZCreateEndpointInput.extend({ endpointId: ZEndpointId });
export type TUpdateEndpointInput = z.infer<typeof ZUpdateEndpointInput>;

export const ZEndpointInput = z.object({ endpointId: ZEndpointId });

export const ZResendDeliveryInput = z.object({
  endpointId: ZEndpointId,
  deliveryId: z.string().min(1).max(60),
});

/** "Resend failed since": a moment typed in the practice's zone (datetime-local), read as UTC here. */
export const ZResendFailedSinceInput = z.object({
  endpointId: ZEndpointId,
  since: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), "Enter a real date and time."),
});
