import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TStaffActor } from "@/lib/auth/session";
import { getClock } from "@/lib/clock";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { getRequestContext } from "@/lib/request-context";
import { nullIfNotFound } from "@/lib/not-found";
import { NO_STORE, notFoundResponse, textDownloadResponse } from "@/lib/text-download";
import { transactionCsv } from "./csv";
import { ZTransactionFilters, filtersToSearchParams } from "./filters";
import { getReportScope, streamTransactions, transactionTotals } from "./transactions";
import {
  getReadyTransactionsExportOrThrow,
  isLargeCsv,
  readTransactionsExport,
  requestTransactionsExport,
  transactionsExportHref,
} from "./transactions-export";
import { log } from "@/lib/log";

/**
 * The answer to GET /staff/transactions/csv?<the list's filters>: the filtered list as CSV,
 * streamed as the rows are read (docs/reports.md), from its first row whatever page the list
 * was on. Bad filters are a 400 that says what is wrong. The first chunk is read before the
 * answer starts, so a database failure there is a 500 and not an empty file; a failure later
 * is logged and breaks the download off, so nobody takes a cut file for a whole one. Each
 * export is audited with its filters: the file carries payers' names. A list of more rows than
 * TRANSACTIONS_CSV_JOB_ROWS is not streamed: a job prepares it, and the answer is a redirect
 * (303) to the export's page, which shows its progress and then its download link.
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
  const { count } = await transactionTotals({ scope, filters });
  const prepared = isLargeCsv(count)
    ? await requestTransactionsExport({ actor, filters, totalRows: count })
    : null;
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "reports.transactions_exported",
    target: prepared ? { type: "TransactionExport", id: prepared.exportId } : undefined,
    context: await getRequestContext(),
    metadata: {
      filters: filtersToSearchParams(filters).toString(),
      rows: count,
      ...(prepared ? { prepared: prepared.isNew ? "queued" : "in-progress" } : {}),
    },
  });
  if (prepared) {
    return new Response(null, {
      status: 303,
      headers: { ...NO_STORE, Location: transactionsExportHref(prepared.exportId) },
    });
  }
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

/**
 * The answer to GET /staff/transactions/exports/<id>/download: a prepared CSV, streamed chunk by
 * chunk. Staff with `reports.view` of the export's practice only; anyone else, or an export not
 * ready, is "not found". Each download is audited: the file carries payers' names.
 */
export const transactionsExportDownloadResponse = async ({
  actor,
  exportId,
}: {
  actor: TStaffActor;
  exportId: string;
}) => {
  const file = await nullIfNotFound(
    getReadyTransactionsExportOrThrow({ practiceId: actor.practiceId, exportId }),
  );
  if (!file) return notFoundResponse();
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "reports.transactions_export_downloaded",
    target: { type: "TransactionExport", id: file.id },
    context: await getRequestContext(),
    metadata: { filters: file.filters, rows: file.rowCount },
  });
  return textDownloadResponse({
    chunks: readTransactionsExport(file.id),
    fileName: file.fileName,
    byteCount: file.byteCount,
    contentType: "text/csv; charset=utf-8",
  });
};
