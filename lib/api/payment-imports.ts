import "server-only";
import type { z } from "zod";
import type { TApiCaller } from "@/lib/api-keys/authenticate-key";
import { getDb } from "@/lib/db";
import { parsePmsFileName } from "@/lib/files/file-names";
import { appUrl } from "@/lib/env";
import { readAck } from "@/lib/imports/ack-store";
import { timeImport } from "@/lib/imports/import-metrics";
import { importPaymentFile } from "@/lib/imports/payment-import";
import type { TRequestContext } from "@/lib/request-context";
import type { TRequestText } from "./endpoint";
import { apiProblem } from "./problem";
import type { ZApiPaymentImport } from "./schemas";

type TApiPaymentImport = z.infer<typeof ZApiPaymentImport>;

/**
 * The payment transaction import (IMPTI10, docs/files.md) through the API: the file sent as the
 * body goes through the same importer as an upload or the inbox (`importPaymentFile`), so the
 * same rules, the same acknowledgement, and the same idempotency by content (SHA-256): the same
 * file again, by any way, changes nothing and answers the first import.
 */

const ackUrl = (id: string) => appUrl(`/api/v1/payment-imports/${encodeURIComponent(id)}/acknowledgement`);

/** The practice's payment import with this id (another practice's, or another kind, is none). */
const findImport = async (practiceId: string, id: string) => {
  const db = await getDb();
  return db.importFile.findFirst({
    where: { id, practiceId, kind: "PAYMENT_IMPORT" },
    select: {
      id: true,
      fileName: true,
      status: true,
      rowCount: true,
      acceptedCount: true,
      rejectedCount: true,
      ackFileName: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { payments: true } },
    },
  });
};

type TImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

const toApiPaymentImport = (f: TImportRow, duplicate: boolean): TApiPaymentImport => {
  const isProcessed = f.status === "PROCESSED";
  return {
    object: "payment_import",
    id: f.id,
    file_name: f.fileName,
    status: f.status.toLowerCase() as TApiPaymentImport["status"],
    row_count: f.rowCount,
    accepted_count: f.acceptedCount,
    rejected_count: f.rejectedCount,
    payments_recorded: f._count.payments,
    duplicate,
    acknowledgement: isProcessed && f.ackFileName ? { file_name: f.ackFileName, url: ackUrl(f.id) } : null,
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
};

/**
 * Imports the file of a POST for the key's practice. Its name must be the inbox's
 * `PT_<ClientID>_…` with this practice's client ID (the schema checked the rest). `isNew`: this
 * request imported it (201), or finished an import that had failed; false: the same file had
 * been sent before and this is that import (200).
 */
export const importApiPaymentFile = async ({
  caller,
  fileName,
  text,
  context,
}: {
  caller: TApiCaller;
  fileName: string;
  text: TRequestText;
  context: TRequestContext;
}): Promise<{ isNew: boolean; body: TApiPaymentImport }> => {
  const db = await getDb();
  const practice = await db.practice.findUniqueOrThrow({
    where: { id: caller.practiceId },
    select: { clientId: true },
  });
  const name = parsePmsFileName(fileName, "PAYMENT_IMPORT");
  if (!name.ok || name.clientId !== practice.clientId) {
    const detail = `file_name must name this practice's client ID: PT_${practice.clientId}_<YYYYMMDD>_<UniqueID>.txt.`;
    throw apiProblem("invalid-request", detail, {
      errors: [{ field: "file_name", code: "wrong_client_id", detail }],
    });
  }
  const result = await timeImport("PAYMENT_IMPORT", () =>
    importPaymentFile({
      practiceId: caller.practiceId,
      fileName,
      read: text.read,
      actor: { kind: "system", label: `api key ${caller.prefix}…` },
      context,
    }),
  );
  const file = await findImport(caller.practiceId, result.importFileId);
  return { isNew: !result.isDuplicate, body: toApiPaymentImport(file!, result.isDuplicate) };
};

/** One of the practice's payment imports, however it came (API, upload or inbox); null: none. */
export const getApiPaymentImport = async ({ practiceId, id }: { practiceId: string; id: string }) => {
  const file = await findImport(practiceId, id);
  return file ? toApiPaymentImport(file, false) : null;
};

/**
 * The import's IMIA10 acknowledgement, streamed from its stored chunks (one in memory at a time):
 * 404 for no such import of the practice, 409 before it has finished.
 */
export const apiPaymentImportAck = async ({ practiceId, id }: { practiceId: string; id: string }) => {
  const file = await findImport(practiceId, id);
  if (!file) throw apiProblem("not-found", "There is no payment import with this id.");
  if (file.status !== "PROCESSED" || !file.ackFileName) {
    throw apiProblem(
      "import-not-finished",
      `The import is ${file.status.toLowerCase()}: its acknowledgement is written once every row is read. Ask again later${file.status === "FAILED" ? ", after sending the same file again to finish it" : ""}.`,
    );
  }
  return { fileName: file.ackFileName, chunks: readAck(file.id) };
};
