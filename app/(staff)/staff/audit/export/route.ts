import { recordAudit } from "@/lib/audit/record";
import { auditCsv, auditFiltersFrom } from "@/lib/audit/search";
import { downloadingStaff } from "@/lib/auth/page-guards";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { staffPractice } from "@/lib/practice";
import { getRequestContext } from "@/lib/request-context";
import { NO_STORE, notFoundResponse } from "@/lib/text-download";

/**
 * The practice's audit log as CSV, filtered as the page's search (audit.view), streamed a batch
 * of rows at a time. The export itself is audited, with its filters.
 */
export async function GET(request: Request) {
  const staff = await downloadingStaff("audit.view");
  if (!staff) return notFoundResponse();
  const { actor, practiceId } = staff;
  const { timeZone } = await staffPractice(actor.userId);
  const { filters, errors } = auditFiltersFrom(Object.fromEntries(new URL(request.url).searchParams));
  if (Object.keys(errors).length > 0) {
    return new Response(`The search is not valid: ${Object.values(errors).join(" ")}`, {
      status: 400,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "audit.export",
    context: await getRequestContext(),
    metadata: JSON.parse(JSON.stringify(filters)),
  });
  const chunks = auditCsv({ practiceId, timeZone, filters });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const fileName = `audit-log-${toIsoDay(todayInZone(timeZone))}.csv`;
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
}
