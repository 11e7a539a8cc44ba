import "server-only";
import { getDb } from "@/lib/db";
import { POSTING_FILE_SELECT } from "@/lib/exports/posting-file";
import { formatCutoff, postingFormatName } from "@/lib/exports/posting-rows";
import { SIGNUP_FILE_SELECT } from "@/lib/exports/signup-file";
import { notFoundError } from "@/lib/errors";
import { fileProgressView } from "@/lib/progress/progress";

/** The practice's sign-up file setting, for the staff page. */
export const getSignupFileSettings = async (practiceId: string) => {
  const db = await getDb();
  return db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { signupFileMode: true, clientId: true, timeZone: true },
  });
};

/** What a file's progress bar reads of its record. */
const PROGRESS_SELECT = {
  status: true,
  fileName: true,
  rowsDone: true,
  totalRows: true,
  startedAt: true,
  failureReason: true,
} as const;

export const signupFileDownloadHref = (fileId: string) =>
  `/staff/exports/${encodeURIComponent(fileId)}/download`;

/** A sign-up file's progress (the staff list's bar polls it); another practice's is "not found". */
export const getSignupFileProgressOrThrow = async ({
  practiceId,
  fileId,
  now,
}: {
  practiceId: string;
  fileId: string;
  now: Date;
}) => {
  const db = await getDb();
  const file = await db.signupFile.findFirst({ where: { id: fileId, practiceId }, select: PROGRESS_SELECT });
  if (!file) throw notFoundError("sign-up file");
  return fileProgressView({ file, downloadHref: signupFileDownloadHref(fileId), now });
};

/** The practice's sign-up files, newest first. */
export const listSignupFiles = async ({ practiceId, take = 90 }: { practiceId: string; take?: number }) => {
  const db = await getDb();
  return db.signupFile.findMany({
    where: { practiceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      ...SIGNUP_FILE_SELECT,
      byteCount: true,
      producedByUserId: true,
      deliveredAt: true,
      ...PROGRESS_SELECT,
    },
  });
};
export type TSignupFileListItem = Awaited<ReturnType<typeof listSignupFiles>>[number];

/** The practice's posting settings in words for the staff page (null: it has none). */
export const getPostingSettingsSummary = async (practiceId: string) => {
  const db = await getDb();
  const settings = await db.postingSettings.findUnique({
    where: { practiceId },
    select: { formats: true, cutoffMinutes: true },
  });
  return settings
    ? {
        formats: settings.formats.map(postingFormatName),
        cutoff: formatCutoff(settings.cutoffMinutes),
        cutoffMinutes: settings.cutoffMinutes,
      }
    : null;
};

/** The practice's end-of-day posting files, newest day first. */
export const listPostingFiles = async ({ practiceId, take = 90 }: { practiceId: string; take?: number }) => {
  const db = await getDb();
  const files = await db.postingFile.findMany({
    where: { practiceId },
    orderBy: [{ businessDay: "desc" }, { format: "asc" }],
    take,
    select: POSTING_FILE_SELECT,
  });
  return files.map((f) => ({ ...f, formatName: postingFormatName(f.format) }));
};
export type TPostingFileListItem = Awaited<ReturnType<typeof listPostingFiles>>[number];

export const postingFileDownloadHref = (fileId: string) =>
  `/staff/exports/posting/${encodeURIComponent(fileId)}/download`;

/**
 * A posting file's progress (the staff list's bar polls it): waiting (no claim yet), being
 * written with its rows so far and seconds since it started (PostgreSQL; on PGlite nothing is
 * recorded while it is written), ready with its link, or failed. Another practice's: "not found".
 */
export const getPostingFileProgressOrThrow = async ({
  practiceId,
  fileId,
  now,
}: {
  practiceId: string;
  fileId: string;
  now: Date;
}) => {
  const db = await getDb();
  const file = await db.postingFile.findFirst({
    where: { id: fileId, practiceId },
    select: {
      status: true,
      fileName: true,
      rowCount: true,
      claimToken: true,
      progress: { select: { rowsDone: true, startedAt: true } },
    },
  });
  if (!file) throw notFoundError("posting file");
  const isWaiting = file.status === "GENERATING" && file.claimToken === null;
  const view = fileProgressView({
    file: {
      status: file.status,
      fileName: file.fileName,
      // A waiting file's progress row, if any, is an earlier failed attempt's.
      rowsDone: file.status === "READY" ? file.rowCount : isWaiting ? 0 : (file.progress?.rowsDone ?? 0),
      totalRows: file.status === "READY" ? file.rowCount : null,
      // The view reads "waiting" from no start; a claimed file has started even with no progress row.
      startedAt: isWaiting ? null : (file.progress?.startedAt ?? now),
      failureReason: null,
    },
    downloadHref: postingFileDownloadHref(fileId),
    now,
  });
  const startedAt = isWaiting ? undefined : file.progress?.startedAt;
  return {
    ...view,
    secondsSoFar:
      view.status === "GENERATING" && startedAt
        ? Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000))
        : null,
  };
};

/** The practice's posting settings as the admin's form shows them (empty when none are saved yet). */
export const getPostingSettingsForm = async (practiceId: string) => {
  const db = await getDb();
  const s = await db.postingSettings.findUnique({ where: { practiceId } });
  return {
    formats: (s?.formats ?? []).map(postingFormatName),
    cutoff: formatCutoff(s?.cutoffMinutes ?? 0),
    merchantId: s?.merchantId ?? "",
    storeId: s?.storeId ?? "",
    terminalId: s?.terminalId ?? "",
    lockboxNumber: s?.lockboxNumber ?? "",
    x12SenderId: s?.x12SenderId ?? "",
    x12ReceiverId: s?.x12ReceiverId ?? "",
    x12Account: s?.x12Account ?? "",
  };
};
export type TPostingSettingsForm = Awaited<ReturnType<typeof getPostingSettingsForm>>;
