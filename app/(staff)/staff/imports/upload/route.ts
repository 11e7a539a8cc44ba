import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { isImportKind, kindOfFirstRecord } from "@/lib/imports/importers";
import { enqueueImport, storeUpload } from "@/lib/imports/import-job";
import { getJobQueue } from "@/lib/jobs/queue";
import { getRequestContext } from "@/lib/request-context";
import { log } from "@/lib/log";

/** Uploads larger than this come through the inbox folder instead (docs/files.md). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The form's own parts (the kind, the boundaries) on top of the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The request's form, read only up to `maxBytes` (a body of unknown length too): null when the
 * body is larger, so an oversized post is refused without being held in memory whole.
 */
const readFormWithin = async (request: Request, maxBytes: number) => {
  if (!request.body) return { form: null, isTooLarge: false };
  let seen = 0;
  let isTooLarge = false;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          isTooLarge = true;
          controller.error(new Error("the upload is too large"));
        } else controller.enqueue(chunk);
      },
    }),
  );
  const bounded = new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body,
    duplex: "half",
  } as RequestInit);
  const form = await bounded.formData().catch(() => null);
  return { form: isTooLarge ? null : form, isTooLarge };
};

/**
 * The browser's `File.lastModified` (milliseconds since 1970) that the upload form sends beside
 * the file (a multipart part carries no date): when the PMS wrote it. Absent or not a time:
 * undefined (the importer then takes the time it is received).
 */
const writtenAtOf = (value: FormDataEntryValue | null | undefined): Date | undefined => {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value)) return undefined;
  const date = new Date(Number(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const back = (query: string) =>
  NextResponse.redirect(new URL(`/staff/imports?${query}`, env().NEXTAUTH_URL), 303);

/**
 * Staff upload a file from the PMS, saying its kind: a balance file, an autopay enrolment or
 * unenrolment file (a plain form post, so it works without JavaScript). A route rather than a
 * server action, for files over server actions' 1 MB limit; so it checks what Next checks for
 * actions itself: the post must come from our own pages (Origin).
 */
export async function POST(request: Request) {
  const origin = request.headers.get("origin");
  if (origin !== new URL(env().NEXTAUTH_URL).origin) {
    return new Response("Forbidden", { status: 403 });
  }
  let actor;
  try {
    actor = await requireStaff("files.import");
  } catch (error) {
    if (isAppError(error)) return new Response(error.userMessage, { status: 403 });
    throw error;
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) {
    return back("error=too-large");
  }
  const { form, isTooLarge } = await readFormWithin(request, MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES);
  if (isTooLarge) return back("error=too-large");
  const kind = form?.get("kind");
  const file = form?.get("file");
  if (!isImportKind(kind)) return back("error=no-kind");
  const again = `kind=${kind}`;
  if (!(file instanceof File) || file.size === 0) return back(`error=no-file&${again}`);
  if (file.size > MAX_UPLOAD_BYTES) return back(`error=too-large&${again}`);
  // A file whose first record is plainly another kind's: say so rather than reject all its rows.
  const looksLike = await kindOfFirstRecord(file.stream());
  if (looksLike && looksLike !== kind) return back(`error=wrong-kind&${again}&looks=${looksLike}`);
  let stored;
  try {
    stored = await storeUpload({
      practiceId: actor.practiceId,
      kind,
      fileName: file.name || "upload.txt",
      stream: file.stream(),
      writtenAt: writtenAtOf(form?.get("lastModified")),
      userId: actor.userId,
    });
    if (stored.shouldRun) {
      await enqueueImport(await getJobQueue(), {
        importFileId: stored.importFileId,
        context: await getRequestContext(),
      });
    }
  } catch (error) {
    // (Never the file's content in the log: an enrolment file carries bank account numbers.)
    const requestId = randomUUID();
    log.error({ err: error }, `[imports] request ${requestId}: the ${kind} upload could not be stored`);
    return back(`error=failed&${again}&ref=${requestId.slice(0, 8)}`);
  }
  // At once: the import runs as a job, and its page shows how far it has got.
  return NextResponse.redirect(
    new URL(
      `/staff/imports/${stored.importFileId}${stored.isDuplicate ? "?duplicate=1" : ""}`,
      env().NEXTAUTH_URL,
    ),
    303,
  );
}
