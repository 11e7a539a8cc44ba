import "server-only";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { TFileError } from "@/lib/files/fields";
import { secondsLeft } from "@/lib/progress/progress";
import type { TImportProgressView } from "@/lib/imports/progress-text";

/** What the list of imports and one import's page both show of an import. */
const IMPORT_FILE_SELECT = {
  id: true,
  kind: true,
  fileName: true,
  status: true,
  rowCount: true,
  acceptedCount: true,
  rejectedCount: true,
  rowsDone: true,
  totalRows: true,
  failureReason: true,
  createdAt: true,
} as const;

export const listImportFiles = async ({ practiceId, take = 50 }: { practiceId: string; take?: number }) => {
  const db = await getDb();
  return db.importFile.findMany({
    where: { practiceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: IMPORT_FILE_SELECT,
  });
};

/**
 * One import of the practice, with its rejected rows (and, for a payment import, the payments it
 * recorded); another practice's is "not found".
 */
export const getImportFileOrThrow = async ({
  practiceId,
  importId,
}: {
  practiceId: string;
  importId: string;
}) => {
  const db = await getDb();
  const file = await db.importFile.findFirst({
    where: { id: importId, practiceId },
    select: {
      ...IMPORT_FILE_SELECT,
      ackFileName: true,
      rows: { where: { accepted: false }, orderBy: { lineNumber: "asc" }, take: 500 },
      // A payment import's payments (other kinds have none).
      payments: {
        orderBy: { importLineNumber: "asc" },
        take: 500,
        select: { id: true, receiptNumber: true, amountCents: true, currency: true, importLineNumber: true },
      },
    },
  });
  if (!file) throw notFoundError("import file");
  return {
    ...file,
    rows: file.rows.map((r) => ({ lineNumber: r.lineNumber, errors: (r.errors ?? []) as TFileError[] })),
  };
};

/** One import's progress, of the practice's imports only (another practice's: "not found"). */
export const getImportProgressOrThrow = async ({
  practiceId,
  importId,
  now,
}: {
  practiceId: string;
  importId: string;
  now: Date;
}): Promise<TImportProgressView> => {
  const db = await getDb();
  const file = await db.importFile.findFirst({
    where: { id: importId, practiceId },
    select: {
      status: true,
      rowsDone: true,
      totalRows: true,
      rejectedCount: true,
      startedAt: true,
      failureReason: true,
    },
  });
  if (!file) throw notFoundError("import file");
  const isDone = file.status === "PROCESSED";
  return {
    status: file.status,
    rowsDone: file.rowsDone,
    // Done: the rows it read are the total (the count made on upload is of lines).
    totalRows: isDone ? file.rowsDone : file.totalRows,
    rejected: file.rejectedCount,
    secondsLeft:
      file.status === "PROCESSING"
        ? secondsLeft({ rowsDone: file.rowsDone, totalRows: file.totalRows, startedAt: file.startedAt, now })
        : null,
    failureReason: file.status === "PROCESSED" ? null : file.failureReason,
  };
};
