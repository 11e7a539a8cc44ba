import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import type { TRequestContext } from "@/lib/request-context";
import { STAFF_CHARGE_CONSENT } from "@/lib/saved-methods/consent";
import { findOwnMethod, ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/** Grants or withdraws billing staff's permission to charge this method, with the wording's version. */
export const setStaffChargeConsent = async ({
  owner,
  methodId,
  consent,
  context,
}: {
  owner: TMethodOwner;
  methodId: string;
  consent: boolean;
  context: TRequestContext;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.paymentMethod.update({
    where: { id: method.id },
    data: consent
      ? { staffChargeConsentAt: new Date(), staffChargeConsentVersion: STAFF_CHARGE_CONSENT.version }
      : { staffChargeConsentAt: null, staffChargeConsentVersion: null },
  });
  await recordAudit({
    actor: ownerActor(owner),
    action: consent ? "wallet.staff_consent_given" : "wallet.staff_consent_withdrawn",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: consent
      ? { version: STAFF_CHARGE_CONSENT.version, text: STAFF_CHARGE_CONSENT.text }
      : undefined,
  });
};
