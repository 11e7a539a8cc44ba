"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { requireActingStaff, requireStaff } from "@/lib/auth/session";
import { getClock } from "@/lib/clock";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { defineAction } from "@/lib/define-action";
import { deliverExportFile } from "@/lib/exports/outbox";
import { getSignupFileSettings } from "@/lib/exports/queries";
import {
  ZPostingSettingsInput,
  ZProduceSignupFileInput,
  type TProduceSignupFileOutcome,
} from "@/lib/exports/schemas";
import { updatePostingSettings } from "@/lib/exports/update-posting-settings";
import { produceSignupFile } from "@/lib/exports/signup-file";
import { staffPracticeId } from "@/lib/practice";
import { log } from "@/lib/log";

/**
 * Staff produce today's sign-up file now (`files.export`), in the mode they chose. Once per day
 * and mode: asking again gives back the file already made (or says it is being made).
 */
export const produceSignupFileAction = defineAction({
  schema: ZProduceSignupFileInput,
  guard: () => requireStaff("files.export"),
  handler: async ({ input, auth, context }): Promise<TProduceSignupFileOutcome> => {
    const practiceId = await staffPracticeId(auth.userId);
    const { timeZone } = await getSignupFileSettings(practiceId);
    const businessDay = todayInZone(timeZone, getClock().now());
    const result = await produceSignupFile({
      practiceId,
      mode: input.mode,
      businessDay,
      producer: { kind: "staff", userId: auth.userId, email: auth.email },
    });
    await recordAudit({
      actor: { kind: "user", userId: auth.userId, role: auth.role, label: auth.email },
      action: "exports.signup_file_produced",
      target: { type: "SignupFile", id: result.file.id },
      context,
      metadata: { mode: input.mode, businessDay: toIsoDay(businessDay), outcome: result.outcome },
    });
    if (result.outcome === "produced") {
      // Into EXPORT_OUTBOX_DIR too, when set; a failure here is retried by the hourly job.
      await deliverExportFile({ kind: "signup", fileId: result.file.id }).catch((error: unknown) =>
        log.error({ err: error }, `[exports] sign-up file ${result.file.id}: delivery to the outbox failed`),
      );
    }
    revalidatePath("/staff/exports");
    return {
      outcome: result.outcome,
      fileId: result.file.id,
      fileName: result.file.fileName,
      mode: result.file.mode,
      businessDay: toIsoDay(result.file.businessDay),
      rowCount: result.file.rowCount,
      isReady: result.file.status === "READY",
    };
  },
});

/** An admin saves the practice's end-of-day posting settings (`settings.manage`). */
export const updatePostingSettingsAction = defineAction({
  schema: ZPostingSettingsInput,
  guard: () => requireActingStaff("settings.manage"),
  handler: async ({ input, auth, context }) => {
    const practiceId = await staffPracticeId(auth.userId);
    await updatePostingSettings({
      actor: auth,
      practiceId,
      input,
      context,
    });
    revalidatePath("/staff/exports");
    revalidatePath("/staff/posting-settings");
    return { savedAt: new Date().toISOString() };
  },
});
