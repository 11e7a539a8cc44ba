"use server";

import { revalidatePath } from "next/cache";
import { requireActingPatient } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { changeAutopay, enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { ZChangeAutopayInput, ZEnrollAutopayInput, ZUnenrollAutopayInput } from "@/lib/autopay/schemas";

const done = <T>(result: T) => {
  revalidatePath("/autopay");
  revalidatePath("/wallet");
  return result;
};

export const enrollAutopayAction = defineAction({
  schema: ZEnrollAutopayInput,
  guard: requireActingPatient,
  handler: async ({ input, auth, context }) => done(await enrollAutopay({ owner: auth, input, context })),
});

export const changeAutopayAction = defineAction({
  schema: ZChangeAutopayInput,
  guard: requireActingPatient,
  handler: async ({ input, auth, context }) => done(await changeAutopay({ owner: auth, input, context })),
});

export const unenrollAutopayAction = defineAction({
  schema: ZUnenrollAutopayInput,
  guard: requireActingPatient,
  handler: async ({ input, auth, context }) =>
    done(await unenrollAutopay({ actor: auth, enrollmentId: input.enrollmentId, context })),
});
