import "server-only";
import { auditActorOf, type TActingStaff } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { parseCutoff, POSTING_FORMATS } from "@/lib/exports/posting-rows";
import type { TPostingSettingsInput } from "@/lib/exports/schemas";
import type { TRequestContext } from "@/lib/request-context";

/**
 * An admin sets their practice's posting files (docs/files.md, "Producing the posting files"):
 * created on first save, replaced after. Files already written keep their window and content;
 * the next day's files follow the new settings. Recorded as `exports.posting_settings_changed`
 * with what was set (identifiers, not patient data).
 */
export const updatePostingSettings = async ({
  actor,
  practiceId,
  input,
  context,
}: {
  actor: TActingStaff;
  /** The admin's own practice (the action reads it from their login). */
  practiceId: string;
  input: TPostingSettingsInput;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const data = {
    formats: input.formats.map((name) => POSTING_FORMATS[name]),
    cutoffMinutes: parseCutoff(input.cutoff)!,
    merchantId: input.merchantId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    lockboxNumber: input.lockboxNumber || null,
    x12SenderId: input.x12SenderId || null,
    x12ReceiverId: input.x12ReceiverId || null,
    x12Account: input.x12Account || null,
  };
  return db.$transaction(async (tx) => {
    const saved = await tx.postingSettings.upsert({
      where: { practiceId },
      create: { practiceId, ...data },
      update: data,
      select: { practiceId: true, updatedAt: true },
    });
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: "exports.posting_settings_changed",
        target: { type: "Practice", id: practiceId },
        context,
        metadata: { ...data, formats: input.formats },
      },
      tx,
    );
    return saved;
  });
};
