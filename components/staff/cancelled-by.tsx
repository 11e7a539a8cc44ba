import { getTranslations } from "next-intl/server";
import type { TCanceller } from "@/lib/access/cancelled-by";

/**
 * Who cancelled a plan or turned off autopay, in words: the patient, a family member, or a staff
 * user by name and role (lib/access/cancelled-by.ts). With no one recorded: for autopay, the
 * practice's enrolment file (or a cancellation from before who cancelled was kept).
 */
export async function CancelledBy({
  canceller,
  kind,
}: {
  canceller: TCanceller | undefined;
  kind: "plan" | "autopay";
}) {
  const [t, tRole] = await Promise.all([getTranslations("StaffCancelledBy"), getTranslations("StaffRoles")]);
  if (!canceller) return <span>{kind === "autopay" ? t("autopayUnrecorded") : t("unrecorded")}</span>;
  return (
    <span data-testid="cancelled-by">
      {canceller.kind === "staff"
        ? t("staff", { name: canceller.name, role: tRole(canceller.role) })
        : t(canceller.kind, { name: canceller.name })}
    </span>
  );
}
