import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { importBalanceFile } from "@/lib/imports/balance-import";
import { staffPracticeId } from "@/lib/imports/queries";
import { getRequestContext } from "@/lib/request-context";

/** Uploads larger than this come through the inbox folder instead (docs/files.md). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const back = (request: Request, query: string) =>
  NextResponse.redirect(new URL(`/staff/imports?${query}`, env().NEXTAUTH_URL), 303);

/**
 * Staff upload a balance file (a plain form post, so it works without JavaScript). A route
 * rather than a server action, for files over server actions' 1 MB limit; so it checks what
 * Next checks for actions itself: the post must come from our own pages (Origin).
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
    if (error instanceof AppError) return new Response(error.userMessage, { status: 403 });
    throw error;
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES)
    return back(request, "error=too-large");
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File) || file.size === 0) return back(request, "error=no-file");
  if (file.size > MAX_UPLOAD_BYTES) return back(request, "error=too-large");
  let result;
  try {
    result = await importBalanceFile({
      practiceId: await staffPracticeId(actor.userId),
      fileName: file.name || "upload.txt",
      read: () => file.stream(),
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      context: await getRequestContext(),
    });
  } catch (error) {
    // The import is marked FAILED and nothing half-done is lost: the same file may be sent again.
    const requestId = randomUUID();
    console.error(`[imports] request ${requestId}: the balance file import failed`, error);
    return back(request, `error=failed&ref=${requestId.slice(0, 8)}`);
  }
  return NextResponse.redirect(
    new URL(
      `/staff/imports/${result.importFileId}${result.isDuplicate ? "?duplicate=1" : ""}`,
      env().NEXTAUTH_URL,
    ),
    303,
  );
}
