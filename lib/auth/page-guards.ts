import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import {
  getActor,
  getSession,
  secondFactorOwed,
  withPractice,
  type TActor,
  type TStaffActor,
} from "@/lib/auth/session";
import { secondFactorPath } from "@/lib/auth/redirects";
import { hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getRequestContext } from "@/lib/request-context";

/** Off to sign-in, and back to the page asked for afterwards (set by proxy.ts; the login page checks it). */
const toSignIn = async (): Promise<never> => {
  const path = (await headers()).get("x-request-path");
  redirect(path && path !== "/" ? `/login?callbackUrl=${encodeURIComponent(path)}` : "/login");
};

/**
 * The signed-in user of a page, or off to sign-in; a session that still owes its second factor
 * goes to the code page (or, for staff without TOTP, to enrolment), and back here afterwards.
 */
const pageActor = async (): Promise<TActor> => {
  const session = await getSession();
  if (!session) return toSignIn();
  const owed = secondFactorOwed(session);
  if (owed !== "none") redirect(secondFactorPath(owed, (await headers()).get("x-request-path") ?? "/"));
  return { userId: session.userId, email: session.email, role: session.role, name: session.name };
};

/** For pages: a patient, or off to sign-in; a staff member is sent to the console. */
export const patientPage = async (): Promise<TActor> => {
  const actor = await pageActor();
  if (actor.role !== "PATIENT") redirect("/staff");
  return actor;
};

/**
 * This request's refusal, recorded or not. A refused page is asked for by several guards at once
 * (the staff layout, a guard layout, the page: Next renders them together), and one refusal is
 * one audit row: React's `cache` is per request, so the first guard to refuse records it and the
 * others find it marked (before the insert is awaited, so two at once still make one).
 */
const requestRefusal = cache(() => ({ isRecorded: false }));

/**
 * For pages: staff with the permission, with their practice (every read of the page is scoped
 * by it), or 403 (recorded once per request), or off to sign-in.
 */
export const staffPage = async (permission?: TPermission): Promise<TStaffActor> => {
  const actor = await pageActor();
  if (!isStaffRole(actor.role) || (permission && !hasPermission(actor.role, permission))) {
    const refusal = requestRefusal();
    if (refusal.isRecorded) forbidden();
    refusal.isRecorded = true;
    await recordAudit({
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      action: "staff.access_denied",
      outcome: "DENIED",
      context: await getRequestContext(),
      metadata: permission ? { permission } : undefined,
    });
    forbidden();
  }
  return withPractice(actor);
};

/**
 * For file downloads: staff with the permission, and their practice; null for anyone else, whom
 * the route tells "not found" (a download link says nothing about what exists).
 */
export const downloadingStaff = async (permission: TPermission) => {
  // getActor: a session that still owes its second factor is nobody here either.
  const actor = await getActor();
  if (!actor || !isStaffRole(actor.role) || !hasPermission(actor.role, permission)) return null;
  const staff = await withPractice(actor);
  return { actor: staff, practiceId: staff.practiceId };
};
