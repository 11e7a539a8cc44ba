import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";

/** An administrator hears that one of the practice's webhook endpoints was turned off, and why. */
export const endpointDisabledEmail = (m: {
  to: string;
  practiceId: string;
  practiceName: string;
  endpointId: string;
  url: string;
  disabledReason: string | null;
}): TEmailMessage => ({
  to: m.to,
  practiceId: m.practiceId,
  subject: `${m.practiceName}: a webhook endpoint was disabled`,
  blocks: [
    paragraph(
      `The portal stopped sending events to ${m.url}.`,
      `${m.disabledReason ?? "Its deliveries kept failing"}, so it was disabled.`,
    ),
    button({
      lead: "Events since then are kept for 30 days. Once the receiving system answers again, enable the endpoint and resend what failed:",
      label: "Open the webhook endpoint",
      href: appUrl(`/staff/webhooks/${m.endpointId}`),
    }),
  ],
});
