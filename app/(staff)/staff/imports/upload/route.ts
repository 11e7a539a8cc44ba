import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { importFile, isImportKind, kindOfFirstRecord } from "@/lib/imports/importers";
import { staffPracticeId } from "@/lib/imports/queries";
import { getRequestContext } from "@/lib/request-context";

/** Uploads larger than this come through the inbox folder instead (docs/files.md). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

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
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES) return back("error=too-large");
  const form = await request.formData().catch(() => null);
  const kind = form?.get("kind");
  const file = form?.get("file");
  if (!isImportKind(kind)) return back("error=no-kind");
  const again = `kind=${kind}`;
  if (!(file instanceof File) || file.size === 0) return back(`error=no-file&${again}`);
  if (file.size > MAX_UPLOAD_BYTES) return back(`error=too-large&${again}`);
  // A file whose first record is plainly another kind's: say so rather than reject all its rows.
  const looksLike = await kindOfFirstRecord(file.stream());
  if (looksLike && looksLike !== kind) return back(`error=wrong-kind&${again}&looks=${looksLike}`);
  let result;
  try {
    result = await importFile({
      kind,
      practiceId: await staffPracticeId(actor.userId),
      fileName: file.name || "upload.txt",
      read: () => file.stream(),
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      context: await getRequestContext(),
    });
  } catch (error) {
    // The import is marked FAILED and what it did is kept: the same file again finishes it.
    // (Never the file's content in the log: an enrolment file carries bank account numbers.)
    const requestId = randomUUID();
    console.error(`[imports] request ${requestId}: the ${kind} import failed`, error);
    return back(`error=failed&${again}&ref=${requestId.slice(0, 8)}`);
  }
  return NextResponse.redirect(
    new URL(
      `/staff/imports/${result.importFileId}${result.isDuplicate ? "?duplicate=1" : ""}`,
      env().NEXTAUTH_URL,
    ),
    303,
  );
}
