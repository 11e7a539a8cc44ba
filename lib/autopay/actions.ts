"use server";

import { revalidatePath } from "next/cache";
import type { TActingUser } from "@/lib/audit/actor";
import { requirePatient } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { changeAutopay, enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { ZChangeAutopayInput, ZEnrollAutopayInput, ZUnenrollAutopayInput } from "@/lib/autopay/schemas";

const patient = async (): Promise<Extract<TActingUser, { kind: "patient" }>> => {
  const actor = await requirePatient();
  return { kind: "patient", userId: actor.userId, email: actor.email };
};

const done = <T>(result: T) => {
  revalidatePath("/autopay");
  revalidatePath("/wallet");
  return result;
};

export const enrollAutopayAction = defineAction({
  schema: ZEnrollAutopayInput,
  guard: patient,
  handler: async ({ input, auth, context }) => done(await enrollAutopay({ owner: auth, input, context })),
});

export const changeAutopayAction = defineAction({
  schema: ZChangeAutopayInput,
  guard: patient,
  handler: async ({ input, auth, context }) => done(await changeAutopay({ owner: auth, input, context })),
});

export const unenrollAutopayAction = defineAction({
  schema: ZUnenrollAutopayInput,
  guard: patient,
  handler: async ({ input, auth, context }) =>
    done(await unenrollAutopay({ actor: auth, enrollmentId: input.enrollmentId, context })),
});
