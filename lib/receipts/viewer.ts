import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { recordStaffView } from "@/lib/audit/record";
import { isStaffRole } from "@/lib/auth/permissions";
import { getActor, withPractice } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";
import { getPaymentStatusOrThrow, getReceiptOrThrow } from "@/lib/receipts/queries";
import type { TReceipt, TReceiptViewer } from "@/lib/receipts/types";
import { getRequestContext } from "@/lib/request-context";
import { annotateRequest } from "@/lib/log";

/**
 * Every way this request may see receipts, strongest first: the signed-in user (a patient, or
 * staff), then a guest session. A signed-in patient who also holds a guest session for
 * someone else's statement (paying a relative's bill) sees the receipts of both.
 */
export const getReceiptViewers = cache(async (): Promise<TReceiptViewer[]> => {
  const [actor, jar] = await Promise.all([getActor(), cookies()]);
  const viewers: TReceiptViewer[] = [];
  if (actor)
    viewers.push(
      isStaffRole(actor.role)
        ? { kind: "staff", practiceId: (await withPractice(actor)).practiceId }
        : { kind: "patient", userId: actor.userId },
    );
  const guest = await verifyGuestSession(jar.get(GUEST_COOKIE)?.value);
  if (guest) viewers.push({ kind: "guest", statementId: guest.statementId });
  return viewers;
});

/** The request's viewer (the signed-in user, else the guest session), or null for a stranger. */
export const getReceiptViewer = async (): Promise<TReceiptViewer | null> =>
  (await getReceiptViewers())[0] ?? null;

/**
 * What `read` finds for the first of this request's viewers who may see the payment, and that
 * viewer; null otherwise (missing, someone else's, or no session at all look the same).
 */
const readForRequest = async <T>(
  read: (viewer: TReceiptViewer) => Promise<T>,
): Promise<{ found: T; viewer: TReceiptViewer } | null> => {
  for (const viewer of await getReceiptViewers()) {
    try {
      return { found: await read(viewer), viewer };
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") continue;
      throw error;
    }
  }
  return null;
};

/**
 * The receipt, if this request may see it; null otherwise. A staff view is recorded in the
 * audit log, as every staff view of a patient's record is. The page and the PDF route share
 * this one check.
 */
export const getReceiptForRequest = async (
  paymentId: string,
): Promise<{ receipt: TReceipt; viewer: TReceiptViewer } | null> => {
  const result = await readForRequest((viewer) => getReceiptOrThrow({ paymentId, viewer }));
  if (!result) return null;
  const { found: receipt, viewer } = result;
  annotateRequest({ paymentId: receipt.paymentId });
  if (viewer.kind === "staff") {
    const actor = await getActor();
    if (actor) {
      await recordStaffView({
        actor,
        target: { type: "Payment", id: receipt.paymentId },
        context: await getRequestContext(),
        metadata: { accountId: receipt.account.id, receiptNumber: receipt.receiptNumber },
      });
    }
  }
  return { receipt, viewer };
};

/**
 * The payment's status, if this request may see its receipt (the same check as the page); null
 * otherwise. Not recorded as a staff view: the page that asks was recorded when it was opened.
 */
export const getPaymentStatusForRequest = async (paymentId: string) => {
  const found =
    (await readForRequest((viewer) => getPaymentStatusOrThrow({ paymentId, viewer })))?.found ?? null;
  if (found) annotateRequest({ paymentId });
  return found;
};
