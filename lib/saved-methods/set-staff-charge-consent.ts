import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import type { TRequestContext } from "@/lib/request-context";
import { STAFF_CHARGE_CONSENT, staffChargeConsentOf } from "@/lib/saved-methods/consent";
import { findOwnMethod, ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/**
 * Grants or withdraws billing staff's permission to charge this method, with the wording's version:
 * `consentVersion` is the one the patient read (its language's; English when not given).
 */
export const setStaffChargeConsent = async ({
  owner,
  methodId,
  consent,
  consentVersion,
  context,
}: {
  owner: TMethodOwner;
  methodId: string;
  consent: boolean;
  consentVersion?: string;
  context: TRequestContext;
}) => {
  const wording = consentVersion ? staffChargeConsentOf(consentVersion) : STAFF_CHARGE_CONSENT;
  if (consent && !wording) {
    throw new AppError("VALIDATION", {
      userMessage: "The wording of this permission has changed. Please read it again.",
    });
  }
  const given = consent ? wording : null;
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.paymentMethod.update({
    where: { id: method.id },
    data: given
      ? { staffChargeConsentAt: new Date(), staffChargeConsentVersion: given.version }
      : { staffChargeConsentAt: null, staffChargeConsentVersion: null },
  });
  await recordAudit({
    actor: ownerActor(owner),
    action: consent ? "wallet.staff_consent_given" : "wallet.staff_consent_withdrawn",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: given ? { version: given.version, text: given.text } : undefined,
  });
};
