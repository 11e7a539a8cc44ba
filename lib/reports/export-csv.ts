import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TStaffActor } from "@/lib/auth/session";
import { getClock } from "@/lib/clock";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { getRequestContext } from "@/lib/request-context";
import { NO_STORE } from "@/lib/text-download";
import { transactionCsv } from "./csv";
import { ZTransactionFilters, filtersToSearchParams } from "./filters";
import { getReportScope, streamTransactions } from "./transactions";
import { log } from "@/lib/log";

/**
 * The answer to GET /staff/transactions/csv?<the list's filters>: the filtered list as CSV,
 * streamed as the rows are read (docs/reports.md), from its first row whatever page the list
 * was on. Bad filters are a 400 that says what is wrong. The first chunk is read before the
 * answer starts, so a database failure there is a 500 and not an empty file; a failure later
 * is logged and breaks the download off, so nobody takes a cut file for a whole one. Each
 * export is audited with its filters: the file carries payers' names.
 */
export const transactionsCsvResponse = async ({
  actor,
  searchParams,
}: {
  actor: TStaffActor;
  searchParams: URLSearchParams;
}) => {
  const parsed = ZTransactionFilters.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) {
    return new Response(
      `These filters cannot be exported:\n${parsed.error.issues.map((i) => `- ${i.message}`).join("\n")}\n`,
      { status: 400, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
  const filters = { ...parsed.data, after: null };
  const scope = await getReportScope({ practiceId: actor.practiceId });
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "reports.transactions_exported",
    context: await getRequestContext(),
    metadata: { filters: filtersToSearchParams(filters).toString() },
  });
  const chunks = transactionCsv(streamTransactions({ scope, filters }), scope.timeZone);
  const encoder = new TextEncoder();
  let first: IteratorResult<string> | null = await chunks.next();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = first ?? (await chunks.next());
        first = null;
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        log.error({ err: error }, "[reports] the transactions CSV broke off");
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const day = toIsoDay(todayInZone(scope.timeZone, getClock().now()));
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="transactions-${day}.csv"`,
    },
  });
};
