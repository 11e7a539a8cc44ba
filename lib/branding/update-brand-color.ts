import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { hasPermission } from "@/lib/auth/permissions";
import type { TStaffActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { checkBrandColor } from "@/lib/email/brand";
import { AppError } from "@/lib/errors";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Staff with `settings.manage` set the colour of their practice's emails (header band and
 * buttons). The permission is checked again here (a refusal recorded); a colour that is not a
 * hex code or too light for white text (below 4.5:1) is refused with the reason; the change is
 * audited with the old and new colours. Emails sent from then on wear it.
 */
export const updateBrandColor = async ({
  actor,
  brandColor,
  context,
}: {
  actor: TStaffActor;
  brandColor: string;
  context: TRequestContext;
}) => {
  const auditActor = { kind: "user", userId: actor.userId, role: actor.role, label: actor.email } as const;
  const target = { type: "Practice", id: actor.practiceId };
  if (!hasPermission(actor.role, "settings.manage")) {
    await recordAudit({
      actor: auditActor,
      action: "practice.brand_color",
      target,
      outcome: "DENIED",
      context,
      metadata: { permission: "settings.manage" },
    });
    throw new AppError("FORBIDDEN", { userMessage: "You do not have access to this." });
  }
  const check = checkBrandColor(brandColor);
  if (!check.ok) {
    throw new AppError("VALIDATION", {
      message: `brand colour ${brandColor} refused`,
      userMessage: check.message,
    });
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.practice.findUniqueOrThrow({
      where: { id: actor.practiceId },
      select: { brandColor: true },
    });
    await tx.practice.update({ where: { id: actor.practiceId }, data: { brandColor: check.color } });
    await recordAudit(
      {
        actor: auditActor,
        action: "practice.brand_color",
        target,
        context,
        metadata: { from: before.brandColor, to: check.color },
      },
      tx,
    );
    return { brandColor: check.color };
  });
};
