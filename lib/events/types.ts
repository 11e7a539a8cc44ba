/** The integration events' types and body (docs/webhooks.md); safe to import on the client. */

/** The version of the event bodies (docs/webhooks.md); a breaking change gets a new one. */
export const API_VERSION = "2026-12-01";

export const EVENT_TYPES = [
  "payment.approved",
  "payment.declined",
  "payment.voided",
  "payment.refunded",
  "payment.returned",
  "payment.settled",
  "payment.failed",
  "plan.created",
  "plan.updated",
  "plan.completed",
  "plan.defaulted",
  "autopay.enrolled",
  "autopay.unenrolled",
] as const;

export type TEventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is TEventType =>
  (EVENT_TYPES as readonly string[]).includes(value);

/** The JSON every webhook delivery sends and the events feed lists (docs/webhooks.md). */
export type TEventBody<TData = Record<string, unknown>> = {
  id: string;
  type: TEventType;
  /** ISO 8601, UTC, milliseconds. */
  created: string;
  api_version: typeof API_VERSION;
  data: TData;
};
