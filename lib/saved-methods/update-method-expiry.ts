import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getGateway, isGatewayError, type TGateway } from "@/lib/gateway";
import type { TRequestContext } from "@/lib/request-context";
import { savedMethodGatewayError } from "@/lib/saved-methods/gateway-errors";
import { findOwnMethod, ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";

/** A card's new expiry (a renewed card keeps its number), at the gateway and here. */
export const updateMethodExpiry = async ({
  owner,
  methodId,
  expMonth,
  expYear,
  idempotencyKey,
  context,
  gateway = getGateway(),
}: {
  owner: TMethodOwner;
  methodId: string;
  expMonth: number;
  expYear: number;
  idempotencyKey: string;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const method = await findOwnMethod(owner, methodId);
  if (method.kind !== "CARD") {
    throw new AppError("VALIDATION", { userMessage: "Only a card has an expiry date." });
  }
  const stored = await gateway
    .updatePaymentMethod({ methodId: method.gatewayToken, expMonth, expYear, idempotencyKey })
    .catch((error: unknown) => {
      if (isGatewayError(error) && error.code === "INVALID_REQUEST") {
        throw new AppError("VALIDATION", {
          message: error.message,
          userMessage: "That expiry date can't be right: it is in the past or too far ahead.",
        });
      }
      return savedMethodGatewayError(error);
    });
  const db = await getDb();
  await db.paymentMethod.update({
    where: { id: method.id },
    data: { expMonth: stored.expMonth, expYear: stored.expYear },
  });
  await recordAudit({
    actor: ownerActor(owner),
    action: "wallet.expiry_updated",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { from: [method.expMonth, method.expYear], to: [stored.expMonth, stored.expYear] },
  });
};
