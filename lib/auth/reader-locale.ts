import "server-only";
import { cache } from "react";
import { isStaffRole } from "@/lib/auth/permissions";
import { getActor, getSession } from "@/lib/auth/session";
import { type TLocale } from "@/lib/locale";
import { requestLocale } from "@/lib/auth/request-locale";

/**
 * The language of components the patient pages and the staff console share (a plan, its form,
 * autopay's off switch): the request's for a patient, English for staff, whose console stays
 * English (issue 15) whatever their browser asks for.
 */
export const readerLocale = cache(async (): Promise<TLocale> => {
  const actor = await getActor();
  return actor && isStaffRole(actor.role) ? "en" : requestLocale();
});

/**
 * The same for the two-step sign-in pages, whose session has not passed its second factor yet
 * (so `getActor` has no one): English for staff, else the request's language. English too when
 * signed out (those pages send such a visitor to sign in).
 */
export const sessionReaderLocale = cache(async (): Promise<TLocale> => {
  const session = await getSession();
  return session && isStaffRole(session.role) ? "en" : requestLocale();
});
