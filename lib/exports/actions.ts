"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { requireActingStaff, requireStaff } from "@/lib/auth/session";
import { getClock } from "@/lib/clock";
import { parseIsoDay, toIsoDay, todayInZone } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { defineAction } from "@/lib/define-action";
import { getSignupFileSettings } from "@/lib/exports/queries";
import { lastClosedBusinessDay, reservePostingFile } from "@/lib/exports/posting-file";
import { enqueuePostingFile } from "@/lib/exports/posting-file-job";
import { POSTING_FORMATS, postingFormatName } from "@/lib/exports/posting-rows";
import {
  ZPostingSettingsInput,
  ZProducePostingFileInput,
  type TProducePostingFileOutcome,
  ZProduceSignupFileInput,
  type TProduceSignupFileOutcome,
} from "@/lib/exports/schemas";
import { updatePostingSettings } from "@/lib/exports/update-posting-settings";
import { queueSignupFile } from "@/lib/exports/signup-file";
import { enqueueSignupFile } from "@/lib/exports/signup-file-job";
import { staffPracticeId } from "@/lib/practice";

/**
 * Staff ask for today's sign-up file now (`files.export`), in the mode they chose: the day's
 * record is made and a job writes it (docs/files.md, "Exports run as jobs"); the answer comes at
 * once and the list shows the file's progress. Once per day and mode: asking again gives back
 * the file already made, or says it is being made.
 */
export const produceSignupFileAction = defineAction({
  schema: ZProduceSignupFileInput,
  guard: () => requireStaff("files.export"),
  handler: async ({ input, auth, context }): Promise<TProduceSignupFileOutcome> => {
    const practiceId = await staffPracticeId(auth.userId);
    const { timeZone } = await getSignupFileSettings(practiceId);
    const businessDay = todayInZone(timeZone, getClock().now());
    const result = await queueSignupFile({
      practiceId,
      mode: input.mode,
      businessDay,
      producer: { kind: "staff", userId: auth.userId, email: auth.email },
    });
    // Waiting: its job is sent (again, if a waiting file's job was lost; a second run is a no-op).
    if (result.outcome === "queued" || result.outcome === "in-progress") {
      await enqueueSignupFile({ signupFileId: result.file.id });
    }
    await recordAudit({
      actor: { kind: "user", userId: auth.userId, role: auth.role, label: auth.email },
      action: "exports.signup_file_produced",
      target: { type: "SignupFile", id: result.file.id },
      context,
      metadata: { mode: input.mode, businessDay: toIsoDay(businessDay), outcome: result.outcome },
    });
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

const refused = (userMessage: string) => new AppError("VALIDATION", { userMessage });

/**
 * Staff ask for a closed business day's posting file now, in a format the practice chose
 * (`files.export`): the day's record is made, waiting, and a job writes it (docs/files.md,
 * "Producing a day's posting file now"); the answer comes at once and the list shows its
 * progress. One file per day and format: asking again gives back the file already written, or
 * says it is being written.
 */
export const producePostingFileAction = defineAction({
  schema: ZProducePostingFileInput,
  guard: () => requireStaff("files.export"),
  handler: async ({ input, auth, context }): Promise<TProducePostingFileOutcome> => {
    const practiceId = await staffPracticeId(auth.userId);
    const businessDay = parseIsoDay(input.businessDay);
    if (!businessDay) throw refused("Enter the business day as YYYY-MM-DD.");
    const db = await getDb();
    const settings = await db.postingSettings.findUnique({
      where: { practiceId },
      select: { formats: true, cutoffMinutes: true, practice: { select: { timeZone: true } } },
    });
    const format = POSTING_FORMATS[input.format];
    if (!settings || !settings.formats.includes(format)) {
      throw refused(`This practice has not chosen ${input.format} for its posting files.`);
    }
    const closed = lastClosedBusinessDay({
      now: getClock().now(),
      cutoffMinutes: settings.cutoffMinutes,
      timeZone: settings.practice.timeZone,
    });
    if (businessDay > closed) {
      throw refused(
        `The business day ${input.businessDay} has not closed yet; the latest closed day is ${toIsoDay(closed)}.`,
      );
    }
    const result = await reservePostingFile({
      practiceId,
      format,
      businessDay,
      producer: { kind: "staff", userId: auth.userId, email: auth.email },
    });
    // Waiting: its job is sent (again, if a waiting file's job was lost; a second run is a no-op).
    if (result.outcome !== "existing") await enqueuePostingFile({ postingFileId: result.file.id });
    await recordAudit({
      actor: { kind: "user", userId: auth.userId, role: auth.role, label: auth.email },
      action: "exports.posting_file_produced",
      target: { type: "PostingFile", id: result.file.id },
      context,
      metadata: { format: input.format, businessDay: input.businessDay, outcome: result.outcome },
    });
    revalidatePath("/staff/exports");
    return {
      outcome: result.outcome,
      fileId: result.file.id,
      fileName: result.file.fileName,
      formatName: postingFormatName(result.file.format),
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
