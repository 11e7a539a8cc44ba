import { downloadingStaff } from "@/lib/auth/page-guards";
import { nullIfNotFound } from "@/lib/not-found";
import { getOutboxHtmlOrThrow } from "@/lib/staff/queries";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";

/**
 * The HTML part of an email kept in the outbox, shown as its own page to the admin (outbox.view)
 * of the practice it went to; anyone else is told "not found". proxy.ts gives this path its own
 * Content-Security-Policy: `sandbox` (no scripts, no forms, an origin of its own), and nothing
 * loaded but the inline styles: an email's HTML is shown, never trusted.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ emailId: string }> }) {
  const staff = await downloadingStaff("outbox.view");
  if (!staff) return notFoundResponse();
  const { emailId } = await params;
  const html = await nullIfNotFound(getOutboxHtmlOrThrow({ practiceId: staff.practiceId, emailId }));
  if (html === null) return notFoundResponse();
  return new Response(html, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/html; charset=utf-8",
    },
  });
}
